using FlowForge.Abstractions.Domain;
using FlowForge.Core.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Core.Tests.Events;

public sealed class InProcessEventBusTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static InProcessEventBus Bus(int replay = 100, int buffer = 10) =>
        new(Options.Create(new EventOptions { ReplayCapacity = replay, SubscriberBuffer = buffer }), new FakeTimeProvider(), NullLogger<InProcessEventBus>.Instance);

    private static FlowEvent Event(string instance = "gh", string pipeline = "1") =>
        new(FlowEventType.PipelineAdded, instance, new PipelineKey(instance, pipeline), DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Subscribers_get_events_in_order_with_growing_ids()
    {
        var bus = Bus();
        using var subscription = bus.Subscribe(null);

        await bus.PublishAsync([Event(pipeline: "1"), Event(pipeline: "2")], Cancel);
        await bus.PublishAsync([Event(pipeline: "3")], Cancel);

        var received = Drain(subscription);
        Assert.Equal(["1", "2", "3"], received.Select(e => e.Event.Pipeline!.Value.NativeId));
        Assert.Equal(received.Select(e => e.Id).Order(), received.Select(e => e.Id));
        Assert.Equal(received[0].Id + 2, received[2].Id);
    }

    [Fact]
    public async Task Resuming_after_an_id_replays_exactly_the_missed_events_then_live_ones()
    {
        var bus = Bus();
        using (var first = bus.Subscribe(null))
        {
            await bus.PublishAsync([Event(pipeline: "1"), Event(pipeline: "2")], Cancel);
            var seen = Drain(first);
            await bus.PublishAsync([Event(pipeline: "3"), Event(pipeline: "4")], Cancel);
            using var resumed = bus.Subscribe(seen[^1].Id);
            await bus.PublishAsync([Event(pipeline: "5")], Cancel);

            Assert.False(resumed.MissedEvents);
            Assert.Equal(["3", "4", "5"], Drain(resumed).Select(e => e.Event.Pipeline!.Value.NativeId));
        }
    }

    [Fact]
    public async Task Resuming_from_beyond_the_replay_buffer_says_events_were_missed()
    {
        var bus = Bus(replay: 3);
        await bus.PublishAsync([Event(pipeline: "1")], Cancel);
        await bus.PublishAsync([.. Enumerable.Range(2, 5).Select(i => Event(pipeline: $"{i}"))], Cancel);

        using var late = bus.Subscribe(1);
        using var fromAnotherLife = bus.Subscribe(long.MaxValue - 1);

        Assert.True(late.MissedEvents);
        Assert.Equal(["4", "5", "6"], Drain(late).Select(e => e.Event.Pipeline!.Value.NativeId));
        Assert.True(fromAnotherLife.MissedEvents);
    }

    [Fact]
    public async Task Filters_apply_to_replay_and_live_events()
    {
        var bus = Bus();
        await bus.PublishAsync([Event("gh"), Event("gl")], Cancel);

        using var subscription = bus.Subscribe(0, e => e.InstanceId == "gl");
        await bus.PublishAsync([Event("gh"), Event("gl")], Cancel);

        Assert.All(Drain(subscription), e => Assert.Equal("gl", e.Event.InstanceId));
    }

    [Fact]
    public async Task A_subscriber_that_does_not_read_is_dropped_without_holding_up_the_others()
    {
        var bus = Bus(replay: 5, buffer: 5);
        using var slow = bus.Subscribe(null);
        using var fast = bus.Subscribe(null);

        var received = 0;
        for (var i = 0; i < 50; i++)
        {
            await bus.PublishAsync([Event(pipeline: $"{i}")], Cancel);
            received += Drain(fast).Count;
        }

        Assert.Equal(50, received);
        Assert.True(slow.Dropped);
        Assert.False(fast.Dropped);
        Assert.Equal(1, bus.SubscriberCount);
        Assert.True(slow.Events.Completion.IsCompleted || slow.Events.Count > 0);
    }

    private static List<SequencedEvent> Drain(IEventSubscription subscription)
    {
        var list = new List<SequencedEvent>();
        while (subscription.Events.TryRead(out var item))
        {
            list.Add(item);
        }

        return list;
    }
}
