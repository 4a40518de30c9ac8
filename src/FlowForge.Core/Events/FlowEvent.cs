using FlowForge.Abstractions.Domain;

namespace FlowForge.Core.Events;

public enum FlowEventType
{
    /// <summary>A run appeared waiting to start (queued or waiting for approval).</summary>
    RunQueued,
    RunStarted,
    /// <summary>A run reached a final status (it may have appeared already finished).</summary>
    RunFinished,
    /// <summary>A run's status changed in a way none of the above names (running → canceling, queued → waiting).</summary>
    RunStatusChanged,
    /// <summary>Something else about a run changed (title, times, attempt); its status did not.</summary>
    RunUpdated,
    /// <summary>A run's jobs or steps changed.</summary>
    JobsChanged,
    PipelineAdded,
    PipelineUpdated,
    PipelineRemoved,
    InstanceHealthChanged,
}

/// <summary>
/// Something that changed in the store, told once. Events come only from writes that changed something, so a
/// repeated poll or a replayed webhook tells nothing.
/// </summary>
/// <param name="Run">The run as stored after the change, for run and job events.</param>
/// <param name="PreviousStatus">The run's status before the change; null for a run seen for the first time.</param>
/// <param name="Health">The instance's health after the change, for health events.</param>
public sealed record FlowEvent(
    FlowEventType Type,
    string InstanceId,
    PipelineKey? Pipeline,
    DateTimeOffset OccurredAt,
    Run? Run = null,
    RunStatus? PreviousStatus = null,
    InstanceHealth? Health = null);

/// <summary>An event with its place in the stream: ids grow by one per event, across all instances.</summary>
public sealed record SequencedEvent(long Id, FlowEvent Event);
