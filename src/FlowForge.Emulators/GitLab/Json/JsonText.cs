using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FlowForge.Emulators.GitLab.Json;

/// <summary>Compact UTF-8 JSON as GitLab writes it, and its two ways of writing a time.</summary>
internal static class JsonText
{
    // GitLab writes '&', '+' and non-ASCII literally; the default encoder would escape them.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The REST API's times: <c>2016-08-11T11:28:34.085Z</c>.</summary>
    public static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Pipeline deliveries' times: <c>2016-08-12 15:23:28 UTC</c>.</summary>
    public static string Spaced(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static void Time(this Utf8JsonWriter writer, string name, DateTimeOffset? value, Func<DateTimeOffset, string>? format = null)
    {
        if (value is { } time)
        {
            writer.WriteString(name, (format ?? Iso)(time));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void StringOrNull(this Utf8JsonWriter writer, string name, string? value)
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

    /// <summary>Seconds between two times, as GitLab's <c>duration</c> (null while either is missing).</summary>
    public static void Seconds(this Utf8JsonWriter writer, string name, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is { } start && to is { } end)
        {
            writer.WriteNumber(name, Math.Round((end - start).TotalSeconds, 3));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>GitLab's error body: <c>{"message": "404 Project Not Found"}</c>.</summary>
    public static byte[] Message(string message) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("message", message);
        w.WriteEndObject();
    });
}
