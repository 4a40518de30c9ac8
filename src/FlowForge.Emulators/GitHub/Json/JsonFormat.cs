using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FlowForge.Emulators.GitHub.Json;

internal static class JsonFormat
{
    /// <summary>GitHub's timestamp format: ISO 8601, UTC, whole seconds.</summary>
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static void WriteTime(this Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, Time(time));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void WriteNullableString(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    public static void WriteNullableNumber(this Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>GitHub's legacy global node id: base64 of "0{type length}:{type}{id}", e.g. <c>MDQ6VXNlcjE=</c> for user 1.</summary>
    public static string NodeId(string type, long id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"0{type.Length}:{type}{id}")));
}
