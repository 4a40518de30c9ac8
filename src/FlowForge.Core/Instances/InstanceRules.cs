using System.Text.RegularExpressions;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;

namespace FlowForge.Core.Instances;

/// <summary>The rules an instance's configuration must satisfy, collected as field errors for one problem response.</summary>
internal static partial class InstanceRules
{
    public static readonly TimeSpan MinimumRefresh = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaximumRefresh = TimeSpan.FromHours(24);
    public static readonly TimeSpan DefaultRefresh = TimeSpan.FromSeconds(60);
    private const int MaxValueLength = 4096;
    private const int MaxDisplayNameLength = 100;
    private const int MaxWatchedSources = 5000;

    public static void CheckId(string? id, Dictionary<string, List<string>> errors)
    {
        if (string.IsNullOrEmpty(id) || !IdPattern().IsMatch(id))
        {
            Add(errors, "id", "The id must be 1-40 characters of lower-case letters, digits and '-', starting with a letter or digit.");
        }
    }

    public static void CheckDisplayName(string? displayName, Dictionary<string, List<string>> errors)
    {
        if (displayName is not null && (displayName.Length > MaxDisplayNameLength || string.IsNullOrWhiteSpace(displayName)))
        {
            Add(errors, "displayName", $"The display name must be 1-{MaxDisplayNameLength} characters.");
        }
    }

    public static void CheckRefresh(TimeSpan? refresh, Dictionary<string, List<string>> errors)
    {
        if (refresh is { } value && (value < MinimumRefresh || value > MaximumRefresh))
        {
            Add(errors, "refreshIntervalSeconds", $"The refresh interval must be between {MinimumRefresh.TotalSeconds:0} and {MaximumRefresh.TotalSeconds:0} seconds.");
        }
    }

    public static void CheckWatch(WatchSelection? watch, Dictionary<string, List<string>> errors)
    {
        if (watch is null)
        {
            return;
        }

        if (watch.Sources.Count > MaxWatchedSources || watch.Sources.Any(source => string.IsNullOrWhiteSpace(source) || source.Length > 512))
        {
            Add(errors, "watch.sources", $"Watch at most {MaxWatchedSources} sources, each a non-empty name of at most 512 characters.");
        }
    }

    /// <summary>Checks the settings given against the provider's declared fields.</summary>
    /// <param name="existing">Keys already set on the instance, which satisfy required fields when not given again.</param>
    public static void CheckSettings(
        ProviderDescriptor descriptor,
        IReadOnlyDictionary<string, string?> settings,
        IReadOnlySet<string> existing,
        Dictionary<string, List<string>> errors)
    {
        foreach (var (key, value) in settings)
        {
            var field = descriptor.FindField(key);
            if (field is null)
            {
                Add(errors, $"settings.{key}", $"'{key}' is not a setting of {descriptor.DisplayName}.");
            }
            else if (value is { Length: > MaxValueLength })
            {
                Add(errors, $"settings.{key}", $"{field.Label} is longer than {MaxValueLength} characters.");
            }
            else if (field.Secret && !string.IsNullOrEmpty(value) && value.StartsWith("env:", StringComparison.Ordinal)
                     && !Secrets.SecretResolver.IsEnvironmentReference(value))
            {
                Add(errors, $"settings.{key}", $"{field.Label}: an environment reference looks like env:NAME, with NAME a valid variable name.");
            }
            else if (!field.Secret && field.Validate(value) is { } error)
            {
                Add(errors, $"settings.{key}", error);
            }
        }

        foreach (var field in descriptor.Fields.Where(field => field.Required && field.DefaultValue is null))
        {
            var given = settings.TryGetValue(field.Key, out var value);
            var missing = given ? string.IsNullOrWhiteSpace(value) : !existing.Contains(field.Key);
            if (missing)
            {
                Add(errors, $"settings.{field.Key}", $"{field.Label} is required.");
            }
        }
    }

    public static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }

        list.Add(message);
    }

    public static IReadOnlyDictionary<string, string[]> Freeze(Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex IdPattern();
}
