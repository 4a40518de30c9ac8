using FlowForge.Abstractions.Secrets;

namespace FlowForge.Abstractions.Providers;

/// <summary>Everything a provider gets to talk to one instance.</summary>
/// <param name="Settings">Non-secret field values, defaults applied.</param>
/// <param name="Secrets">Resolved secret field values; missing when the store has none for a field.</param>
public sealed record ProviderConnectionContext(
    string InstanceId,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, SecretValue> Secrets,
    IRateLimitObserver RateLimits)
{
    public string? Setting(string key) => Settings.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    public SecretValue? Secret(string key) => Secrets.GetValueOrDefault(key);
}
