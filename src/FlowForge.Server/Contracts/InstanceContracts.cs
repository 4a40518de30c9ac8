using System.ComponentModel;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Secrets;

namespace FlowForge.Server.Contracts;

/// <param name="Settings">Values by field key. A secret field takes the secret itself or an <c>env:NAME</c> reference.</param>
public sealed record CreateInstanceRequest(
    [property: Description("Short URL-safe id: lower-case letters, digits and '-'.")] string Id,
    [property: Description("Provider kind, from GET /api/v1/providers.")] string Kind,
    string? DisplayName,
    Dictionary<string, string?>? Settings,
    [property: Description("Polling interval in seconds (5-86400). Default 60.")] int? RefreshIntervalSeconds,
    WatchRequest? Watch);

/// <param name="Settings">Only the fields to change; an empty value clears a field; a secret field given is rotated.</param>
public sealed record UpdateInstanceRequest(
    string? DisplayName,
    Dictionary<string, string?>? Settings,
    int? RefreshIntervalSeconds,
    WatchRequest? Watch);

/// <param name="All">Watch everything the token can see, including what appears later.</param>
public sealed record WatchRequest(bool All, List<string>? Sources)
{
    public WatchSelection ToSelection() => new(All, Sources ?? []);
}

public sealed record InstanceResponse(
    string Id,
    string Kind,
    string DisplayName,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, SecretStatus> Secrets,
    int RefreshIntervalSeconds,
    WatchRequest Watch,
    HealthResponse Health,
    SyncStatusResponse Sync,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static InstanceResponse From(ProviderInstance instance, InstanceHealth health, SyncStatusResponse sync)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new InstanceResponse(
            instance.Id,
            instance.Kind,
            instance.DisplayName,
            instance.Settings,
            instance.SecretReferences.ToDictionary(pair => pair.Key, pair => SecretStatus.From(pair.Value), StringComparer.Ordinal),
            (int)instance.RefreshInterval.TotalSeconds,
            new WatchRequest(instance.Watch.All, [.. instance.Watch.Sources]),
            HealthResponse.From(health),
            sync,
            instance.CreatedAt,
            instance.UpdatedAt);
    }
}

/// <summary>Whether a secret is set and where it lives; never the value.</summary>
/// <param name="Environment">The variable name, for secrets referenced as <c>env:NAME</c>.</param>
public sealed record SecretStatus(bool IsSet, string Store, string? Environment)
{
    public static SecretStatus From(string reference) =>
        SecretReference.TryParse(reference, out var parsed)
            ? new SecretStatus(true, parsed.Scheme, parsed.Scheme == "env" ? parsed.Key : null)
            : new SecretStatus(false, "unknown", null);
}

public sealed record HealthResponse(
    string State,
    DateTimeOffset? LastSyncAt,
    DateTimeOffset? LastSuccessAt,
    string? LastError,
    string? LastErrorKind,
    int ConsecutiveFailures,
    RateLimitResponse? RateLimit)
{
    public static HealthResponse From(InstanceHealth health)
    {
        ArgumentNullException.ThrowIfNull(health);
        return new HealthResponse(
            JsonNaming.Camel(health.State.ToString()),
            health.LastSyncAt,
            health.LastSuccessAt,
            health.LastError,
            health.LastErrorKind is { } kind ? JsonNaming.Camel(kind.ToString()) : null,
            health.ConsecutiveFailures,
            health.RateLimit is { } limit ? RateLimitResponse.From(limit) : null);
    }
}

public sealed record RateLimitResponse(int Limit, int Remaining, DateTimeOffset? ResetsAt, string? Resource, DateTimeOffset ObservedAt)
{
    public static RateLimitResponse From(RateLimitSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new RateLimitResponse(snapshot.Limit, snapshot.Remaining, snapshot.ResetsAt, snapshot.Resource, snapshot.ObservedAt);
    }
}

public sealed record CredentialCheckResponse(bool Valid, string? Identity, IReadOnlyList<string> GrantedPermissions, string? Error);

public sealed record SourceResponse(string Id, string Name, string? Description, string? DefaultBranch, Uri? WebUrl, bool IsArchived, bool Watched);

/// <summary>Where the instance's polling stands: cadence, back-off, rate-limit block.</summary>
/// <param name="NextPollAt">When the next source is due.</param>
/// <param name="NextAttemptAt">After failures: no scheduled attempt before this (the back-off ladder).</param>
/// <param name="RateLimitBlockedUntil">The provider asked for silence (Retry-After, exhausted budget) until this.</param>
public sealed record SyncStatusResponse(
    DateTimeOffset? LastDiscoveryAt,
    DateTimeOffset? NextPollAt,
    DateTimeOffset? NextAttemptAt,
    int ConsecutiveFailures,
    int Sources,
    int FastSources,
    DateTimeOffset? RateLimitBlockedUntil);
