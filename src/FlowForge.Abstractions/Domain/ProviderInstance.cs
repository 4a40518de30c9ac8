namespace FlowForge.Abstractions.Domain;

/// <summary>
/// A configured connection to one CI/CD system: "the acme GitHub org", "our self-hosted GitLab".
/// Several instances of one kind live side by side.
/// </summary>
/// <param name="Id">A short, URL-safe, user-chosen id (<c>[a-z0-9][a-z0-9-]*</c>); the first part of every pipeline key.</param>
/// <param name="Settings">Non-secret field values, keyed by the provider's declared field keys.</param>
/// <param name="SecretReferences">Where each secret field's value lives (<c>env:NAME</c>, <c>memory:...</c>); never the value.</param>
/// <param name="RefreshInterval">How often the instance is polled when nothing is running.</param>
public sealed record ProviderInstance(
    string Id,
    string Kind,
    string DisplayName,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, string> SecretReferences,
    TimeSpan RefreshInterval,
    WatchSelection Watch,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>When each secret field was last set or rotated, by field key; none for a field set before this was recorded.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> SecretsChangedAt { get; init; } = new Dictionary<string, DateTimeOffset>();
}

/// <summary>What of the sources a token can see is watched.</summary>
/// <param name="All">Everything the token can see, including sources that appear later.</param>
/// <param name="Sources">Explicitly chosen source ids; used when <paramref name="All"/> is false.</param>
public sealed record WatchSelection(bool All, IReadOnlyList<string> Sources)
{
    public static WatchSelection Everything { get; } = new(true, []);

    public bool Includes(string sourceId) =>
        All || Sources.Contains(sourceId, StringComparer.OrdinalIgnoreCase);
}
