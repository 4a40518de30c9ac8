using FlowForge.Abstractions.Providers;

namespace FlowForge.Abstractions.Domain;

public enum HealthState
{
    /// <summary>Not synced yet.</summary>
    Pending,
    Healthy,
    /// <summary>The last sync failed; the last good data keeps being served.</summary>
    Unhealthy,
}

/// <summary>How an instance's syncs are going.</summary>
public sealed record InstanceHealth(
    HealthState State,
    DateTimeOffset? LastSyncAt,
    DateTimeOffset? LastSuccessAt,
    string? LastError,
    ProviderErrorKind? LastErrorKind,
    int ConsecutiveFailures,
    RateLimitSnapshot? RateLimit)
{
    public static InstanceHealth NotSynced { get; } = new(HealthState.Pending, null, null, null, null, 0, null);
}
