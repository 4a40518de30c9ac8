using FlowForge.Abstractions.Domain;
using FlowForge.Core.Events;
using FlowForge.Core.Persistence;

namespace FlowForge.Core.Tests.Events;

public sealed class ChangeEventsTests
{
    [Theory]
    [InlineData(null, RunStatus.Queued, FlowEventType.RunQueued)]
    [InlineData(null, RunStatus.Waiting, FlowEventType.RunQueued)]
    [InlineData(null, RunStatus.Running, FlowEventType.RunStarted)]
    [InlineData(null, RunStatus.Failed, FlowEventType.RunFinished)]
    [InlineData(RunStatus.Queued, RunStatus.Running, FlowEventType.RunStarted)]
    [InlineData(RunStatus.Running, RunStatus.Succeeded, FlowEventType.RunFinished)]
    [InlineData(RunStatus.Queued, RunStatus.Cancelled, FlowEventType.RunFinished)]
    [InlineData(RunStatus.Running, RunStatus.Canceling, FlowEventType.RunStatusChanged)]
    [InlineData(RunStatus.Failed, RunStatus.Queued, FlowEventType.RunStatusChanged)]
    [InlineData(RunStatus.Running, RunStatus.Running, FlowEventType.RunUpdated)]
    public void Run_changes_are_named_by_what_happened(RunStatus? previous, RunStatus current, FlowEventType expected)
    {
        var key = new PipelineKey("gh", "1");
        var run = new Run(key, "9", 1, 1, current, "x", null, null, null, null, null, DateTimeOffset.UnixEpoch, null, null, null, null, Run.NoParameters);

        var flowEvent = Assert.Single(ChangeEvents.From("gh", new RunChanges([new RunChange(run, previous)]), DateTimeOffset.UnixEpoch));

        Assert.Equal(expected, flowEvent.Type);
        Assert.Equal(previous, flowEvent.PreviousStatus);
        Assert.Same(run, flowEvent.Run);
    }

    [Fact]
    public void Pipeline_changes_become_one_event_each()
    {
        var changes = new PipelineChanges([new PipelineKey("gh", "1")], [new PipelineKey("gh", "2")], [new PipelineKey("gh", "3"), new PipelineKey("gh", "4")]);

        var events = ChangeEvents.From("gh", changes, DateTimeOffset.UnixEpoch).ToList();

        Assert.Equal([FlowEventType.PipelineAdded, FlowEventType.PipelineUpdated, FlowEventType.PipelineRemoved, FlowEventType.PipelineRemoved], events.Select(e => e.Type));
    }
}
