using System.Globalization;
using System.Text.RegularExpressions;

namespace FlowForge.Abstractions.Providers;

public enum ConfigFieldType
{
    Text,
    Url,
    Number,
    Boolean,
    Choice,
}

/// <summary>
/// A configuration field a provider declares; forms are generated from it and values are validated by it.
/// </summary>
/// <param name="Secret">The value goes to the secret store, never to config, the database, logs or responses.</param>
/// <param name="Pattern">A regular expression the whole value must match (for text fields).</param>
public sealed record ConfigField(
    string Key,
    string Label,
    ConfigFieldType Type,
    bool Required,
    bool Secret = false,
    string? Description = null,
    string? DefaultValue = null,
    string? Pattern = null,
    IReadOnlyList<string>? Options = null)
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Checks one value; returns a message for the user, or null when the value is acceptable.</summary>
    public string? Validate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Required && DefaultValue is null ? $"{Label} is required." : null;
        }

        return Type switch
        {
            ConfigFieldType.Url when !IsHttpUrl(value) => $"{Label} must be an absolute http or https URL.",
            ConfigFieldType.Number when !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) =>
                $"{Label} must be a number.",
            ConfigFieldType.Boolean when !bool.TryParse(value, out _) => $"{Label} must be true or false.",
            ConfigFieldType.Choice when Options is not null && !Options.Contains(value, StringComparer.Ordinal) =>
                $"{Label} must be one of: {string.Join(", ", Options)}.",
            _ when Pattern is not null && !Regex.IsMatch(value, $"^(?:{Pattern})$", RegexOptions.None, PatternTimeout) =>
                $"{Label} has an invalid format.",
            _ => null,
        };
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
