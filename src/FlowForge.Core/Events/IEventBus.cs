namespace FlowForge.Core.Events;

/// <summary>
/// Carries domain events to everyone listening (SSE clients, later notifications and metrics). In-process
/// today; a later implementation carries them across server instances (Redis) behind the same interface.
/// </summary>
public interface IEventBus
{
    /// <summary>Numbers the events, keeps them in the bounded replay buffer and hands them to every subscriber.</summary>
    ValueTask PublishAsync(IReadOnlyList<FlowEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// Starts listening. With <paramref name="afterId"/>, the events after it still in the replay buffer come
    /// first, then live ones, with no gap and no duplicate between the two.
    /// </summary>
    IEventSubscription Subscribe(long? afterId, Func<FlowEvent, bool>? filter = null);
}

/// <summary>One listener's view of the stream.</summary>
public interface IEventSubscription : IDisposable
{
    /// <summary>
    /// The events, in id order. The reader completes when the subscriber fell too far behind (it was dropped
    /// so it slows nobody else; reconnecting with the last id it saw resumes from the replay buffer).
    /// </summary>
    System.Threading.Channels.ChannelReader<SequencedEvent> Events { get; }

    /// <summary>
    /// True when <c>afterId</c> is older than the replay buffer: some events are lost to this subscriber, which
    /// should reload its state.
    /// </summary>
    bool MissedEvents { get; }

    /// <summary>True once the bus dropped this subscriber for reading too slowly.</summary>
    bool Dropped { get; }
}
