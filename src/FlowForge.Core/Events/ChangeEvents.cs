using FlowForge.Abstractions.Domain;
using FlowForge.Core.Persistence;

namespace FlowForge.Core.Events;

/// <summary>Turns what a store write reports as changed into domain events: one rule for polls and webhooks.</summary>
public static class ChangeEvents
{
    public static IEnumerable<FlowEvent> From(string instanceId, PipelineChanges changes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return changes.Added.Select(key => new FlowEvent(FlowEventType.PipelineAdded, instanceId, key, now))
            .Concat(changes.Updated.Select(key => new FlowEvent(FlowEventType.PipelineUpdated, instanceId, key, now)))
            .Concat(changes.Removed.Select(key => new FlowEvent(FlowEventType.PipelineRemoved, instanceId, key, now)));
    }

    public static IEnumerable<FlowEvent> From(string instanceId, RunChanges changes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return changes.Changed.Select(change => new FlowEvent(Classify(change), instanceId, change.Run.Pipeline, now, change.Run, change.PreviousStatus));
    }

    public static FlowEvent JobsChanged(string instanceId, Run run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new FlowEvent(FlowEventType.JobsChanged, instanceId, run.Pipeline, now, run, run.Status);
    }

    public static FlowEvent HealthChanged(string instanceId, InstanceHealth health, DateTimeOffset now) =>
        new(FlowEventType.InstanceHealthChanged, instanceId, null, now, Health: health);

    private static FlowEventType Classify(RunChange change)
    {
        var status = change.Run.Status;
        return change.PreviousStatus switch
        {
            null when status.IsFinished() => FlowEventType.RunFinished,
            null when status is RunStatus.Running or RunStatus.Canceling => FlowEventType.RunStarted,
            null => FlowEventType.RunQueued,
            { } previous when previous == status => FlowEventType.RunUpdated,
            { } previous when status.IsFinished() && !previous.IsFinished() => FlowEventType.RunFinished,
            RunStatus.Queued or RunStatus.Waiting when status == RunStatus.Running => FlowEventType.RunStarted,
            _ => FlowEventType.RunStatusChanged,
        };
    }
}
