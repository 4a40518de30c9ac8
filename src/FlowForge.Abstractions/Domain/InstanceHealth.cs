using FlowForge.Abstractions.Providers;

namespace FlowForge.Abstractions.Domain;

public enum HealthState
{
    /// <summary>Not synced yet.</summary>
    Pending,
    Healthy,
    /// <summary>
    /// Syncs fail for a reason that may pass (provider unavailable, rate limited, bad answers): FlowForge retries
    /// on an escalating back-off ladder and serves the last good data meanwhile.
    /// </summary>
    Degraded,
    /// <summary>
    /// Syncs fail for a reason that needs a person (credentials refused, permission missing, configuration
    /// unusable); FlowForge still retries, slowly, and serves the last good data.
    /// </summary>
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
