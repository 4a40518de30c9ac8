using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlowForge.Core.Events;

/// <summary>
/// The event bus of one server process: numbered events, a bounded replay buffer, and one bounded queue per
/// subscriber. Publishing never waits for a subscriber: one that cannot keep up is dropped (it resumes from
/// the replay buffer when it reconnects) instead of slowing the sync or the other subscribers.
/// </summary>
public sealed partial class InProcessEventBus : IEventBus
{
    private readonly Lock _gate = new();
    private readonly Queue<SequencedEvent> _replay = new();
    private readonly List<Subscription> _subscribers = [];
    private readonly EventOptions _options;
    private readonly ILogger<InProcessEventBus> _logger;
    private long _lastId;

    public InProcessEventBus(IOptions<EventOptions> options, TimeProvider time, ILogger<InProcessEventBus> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Value;
        _logger = logger;

        // Ids start from the clock, so ids of a restarted server are above every id a client saw before:
        // a client resuming across a restart is told it missed events instead of silently skipping new ones.
        _lastId = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
    }

    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    public ValueTask PublishAsync(IReadOnlyList<FlowEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        List<Subscription>? dropped = null;
        lock (_gate)
        {
            foreach (var flowEvent in events)
            {
                var sequenced = new SequencedEvent(++_lastId, flowEvent);
                _replay.Enqueue(sequenced);
                while (_replay.Count > _options.ReplayCapacity)
                {
                    _replay.Dequeue();
                }

                foreach (var subscriber in _subscribers)
                {
                    if (subscriber.Wants(flowEvent) && !subscriber.Offer(sequenced))
                    {
                        (dropped ??= []).Add(subscriber);
                    }
                }

                dropped?.ForEach(subscriber => _subscribers.Remove(subscriber));
            }
        }

        dropped?.ForEach(subscriber => LogDropped(subscriber.Delivered));
        return ValueTask.CompletedTask;
    }

    public IEventSubscription Subscribe(long? afterId, Func<FlowEvent, bool>? filter = null)
    {
        lock (_gate)
        {
            var subscription = new Subscription(this, filter, _options.SubscriberBuffer + _options.ReplayCapacity);
            if (afterId is { } after)
            {
                var oldest = _replay.Count > 0 ? _replay.Peek().Id : _lastId + 1;
                subscription.MissedEvents = after < oldest - 1 || after > _lastId;
                foreach (var sequenced in _replay)
                {
                    if (sequenced.Id > after && subscription.Wants(sequenced.Event))
                    {
                        subscription.Replay(sequenced);
                    }
                }
            }

            _subscribers.Add(subscription);
            return subscription;
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscription);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped an event subscriber that fell behind after {Delivered} events; it can resume with Last-Event-ID")]
    private partial void LogDropped(long delivered);

    // Room for a full replay plus the live backlog a subscriber may have before it counts as too slow.
    private sealed class Subscription(InProcessEventBus bus, Func<FlowEvent, bool>? filter, int capacity) : IEventSubscription
    {
        private readonly Channel<SequencedEvent> _channel = Channel.CreateBounded<SequencedEvent>(
            new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

        public ChannelReader<SequencedEvent> Events => _channel.Reader;

        public bool MissedEvents { get; set; }

        public bool Dropped { get; private set; }

        public long Delivered { get; private set; }

        public bool Wants(FlowEvent flowEvent) => filter is null || filter(flowEvent);

        public void Replay(SequencedEvent sequenced) => _channel.Writer.TryWrite(sequenced);

        /// <summary>Queues a live event; false when the subscriber is too far behind and was dropped.</summary>
        public bool Offer(SequencedEvent sequenced)
        {
            if (_channel.Writer.TryWrite(sequenced))
            {
                Delivered++;
                return true;
            }

            Dropped = true;
            _channel.Writer.TryComplete();
            return false;
        }

        public void Dispose()
        {
            bus.Remove(this);
            _channel.Writer.TryComplete();
        }
    }
}
