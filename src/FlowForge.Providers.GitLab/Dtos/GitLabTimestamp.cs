using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowForge.Providers.GitLab.Dtos;

/// <summary>
/// GitLab's times in either of the shapes it sends: ISO 8601 (the REST API, job deliveries) or
/// <c>2016-08-12 15:23:28 UTC</c> / <c>2021-04-28 21:50:00 +0200</c> (pipeline and deployment deliveries).
/// </summary>
internal sealed class GitLabTimestamp : JsonConverter<DateTimeOffset>
{
    private static readonly string[] SpacedFormats = ["yyyy-MM-dd HH:mm:ss 'UTC'", "yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-dd HH:mm:ss zz'00'"];

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    internal static DateTimeOffset Parse(string? text)
    {
        const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (text is not null
            && (DateTimeOffset.TryParseExact(text, SpacedFormats, CultureInfo.InvariantCulture, Styles, out var value)
                || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out value)))
        {
            return value;
        }

        throw new JsonException($"'{text}' is not a time GitLab writes.");
    }
}

/// <summary><see cref="GitLabTimestamp"/> for a time that may be null.</summary>
internal sealed class GitLabOptionalTimestamp : JsonConverter<DateTimeOffset?>
{
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : GitLabTimestamp.Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } time)
        {
            writer.WriteStringValue(time);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
