namespace FlowForge.Core.Sync;

/// <summary>What one sync of one instance did.</summary>
public sealed record SyncReport(
    string InstanceId,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    bool Succeeded,
    string? Error,
    int PipelinesAdded,
    int PipelinesUpdated,
    int PipelinesRemoved,
    int RunsChanged,
    int JobsRefreshed);
