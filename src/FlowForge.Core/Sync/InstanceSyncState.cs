using FlowForge.Abstractions.Domain;

namespace FlowForge.Core.Sync;

/// <summary>
/// What the scheduler remembers about one instance between cycles: when sources were last discovered, how
/// fast each source is polled, and where the instance stands on the back-off ladder. Guarded by its own lock.
/// </summary>
internal sealed class InstanceSyncState
{
    public Lock Gate { get; } = new();

    public DateTimeOffset? LastDiscoveryAt { get; set; }

    /// <summary>Each watched source's version at the last discovery.</summary>
    public Dictionary<string, string?> SourceVersions { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, SourceCadence> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>Which source each pipeline belongs to, to turn a pipeline's activity into its source's cadence.</summary>
    public Dictionary<PipelineKey, string> PipelineSources { get; set; } = [];

    public int ConsecutiveFailures { get; set; }

    /// <summary>No scheduled attempt before this (the back-off ladder, a rate-limit block).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? NextPollAt =>
        Sources.Count == 0 ? null : Sources.Values.Min(source => source.NextPollAt);
}

/// <summary>How often one source is polled: fast while it is active, backing off to the instance's interval when idle.</summary>
internal sealed class SourceCadence(TimeSpan interval, DateTimeOffset nextPollAt)
{
    public TimeSpan Interval { get; set; } = interval;

    public DateTimeOffset NextPollAt { get; set; } = nextPollAt;
}
