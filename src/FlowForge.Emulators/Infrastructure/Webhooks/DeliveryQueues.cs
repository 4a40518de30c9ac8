using System.Threading.Channels;

namespace FlowForge.Emulators.Infrastructure.Webhooks;

/// <summary>A webhook subscription as the shared queues know it: by id.</summary>
internal interface IWebhookSubscription
{
    long Id { get; }
}

/// <summary>
/// The subscriptions of one emulator's webhooks, each with its own queue and consumer. Work is queued where a change
/// happens (inside the state's lock, so a queue keeps the order of changes) and delivered one after the other by the
/// subscription's consumer, so a slow or dead receiver delays only its own deliveries, never the scenario. Counts what
/// is still to deliver, for <see cref="WhenDeliveredAsync"/>. What and how to deliver is the provider's.
/// </summary>
internal sealed class DeliveryQueues<TSubscription, TWork> : IDisposable
    where TSubscription : class, IWebhookSubscription
    where TWork : class
{
    private readonly Func<TSubscription, TWork, CancellationToken, Task> _deliver;
    private readonly Action<TWork, Exception?> _abandon;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Entry[] _entries = [];
    private long _nextId;
    private int _pending;
    private TaskCompletionSource? _idle;
    private bool _stopped;

    /// <param name="firstId">The id the first subscription gets (providers number hooks differently).</param>
    /// <param name="deliver">Sends one piece of work; cancelled when the emulator stops.</param>
    /// <param name="abandon">Told of work that will not be delivered: its subscription was removed, or it failed (with why), or the emulator stopped (null).</param>
    public DeliveryQueues(long firstId, TimeSpan timeout, Func<TSubscription, TWork, CancellationToken, Task> deliver, Action<TWork, Exception?>? abandon = null)
    {
        _nextId = firstId;
        _deliver = deliver;
        _abandon = abandon ?? ((_, _) => { });
        Poster = new WebhookPoster(timeout);
    }

    public WebhookPoster Poster { get; }

    /// <summary>Cancelled when the webhooks stop; pass it to <see cref="WebhookPoster.PostAsync"/>.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public IReadOnlyList<TSubscription> All => [.. Volatile.Read(ref _entries).Select(entry => entry.Subscription)];

    /// <summary>Adds the subscription <paramref name="create"/> makes with the next id, and starts its consumer.</summary>
    public TSubscription Add(Func<long, TSubscription> create)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            var entry = new Entry(create(_nextId++));
            _entries = [.. _entries, entry];
            entry.Consumer = Task.Run(() => ConsumeAsync(entry));
            return entry.Subscription;
        }
    }

    public TSubscription? Find(long id) => Array.Find(Volatile.Read(ref _entries), entry => entry.Subscription.Id == id)?.Subscription;

    /// <summary>Removes a subscription; what it still has queued is delivered, or with <paramref name="dropQueued"/> abandoned.</summary>
    public bool Remove(long id, bool dropQueued)
    {
        Entry? entry;
        lock (_gate)
        {
            entry = Array.Find(_entries, candidate => candidate.Subscription.Id == id);
            if (entry is null)
            {
                return false;
            }

            _entries = [.. _entries.Where(candidate => candidate != entry)];
        }

        entry.Dropped = dropQueued;
        entry.Queue.Writer.TryComplete();
        return true;
    }

    /// <summary>Queues work for one subscription; false when it was removed or the webhooks stopped.</summary>
    public bool Enqueue(TSubscription subscription, TWork work)
    {
        var entry = Array.Find(Volatile.Read(ref _entries), candidate => candidate.Subscription == subscription);
        lock (_gate)
        {
            if (_stopped || entry is null)
            {
                return false;
            }

            _pending++;
        }

        if (entry.Queue.Writer.TryWrite(work))
        {
            return true;
        }

        Done();
        return false;
    }

    /// <summary>Completes once everything queued so far (and anything queued meanwhile) has been attempted.</summary>
    public Task WhenDeliveredAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_pending == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Stops taking work, cancels the sends under way and waits for the consumers; a pending wait is cancelled.</summary>
    public async Task StopAsync()
    {
        Entry[] entries;
        TaskCompletionSource? idle;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            (entries, _entries) = (_entries, []);
            (idle, _idle) = (_idle, null);
            _pending = 0;
        }

        await _stopping.CancelAsync();
        foreach (var entry in entries)
        {
            entry.Queue.Writer.TryComplete();
        }

        await Task.WhenAll(entries.Select(entry => entry.Consumer));
        idle?.TrySetCanceled();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
        }

        _stopping.Cancel();
        Poster.Dispose();
        _stopping.Dispose();
    }

    private async Task ConsumeAsync(Entry entry)
    {
        var reader = entry.Queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                while (reader.TryRead(out var work))
                {
                    try
                    {
                        if (entry.Dropped)
                        {
                            _abandon(work, new InvalidOperationException($"Webhook {entry.Subscription.Id} was removed."));
                            continue;
                        }

                        await _deliver(entry.Subscription, work, _stopping.Token);
                    }
                    catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                    {
                        _abandon(work, null);
                        throw;
                    }
                    catch (Exception e)
                    {
                        // A delivery that cannot even be attempted must not take the subscription's consumer down with it.
                        _abandon(work, e);
                    }
                    finally
                    {
                        Done();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            while (reader.TryRead(out var left))
            {
                _abandon(left, null);
            }
        }
    }

    private void Done()
    {
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            if (--_pending == 0)
            {
                (idle, _idle) = (_idle, null);
            }
        }

        idle?.TrySetResult();
    }

    private sealed class Entry(TSubscription subscription)
    {
        private volatile bool _dropped;

        public TSubscription Subscription { get; } = subscription;

        public Channel<TWork> Queue { get; } = Channel.CreateUnbounded<TWork>(new UnboundedChannelOptions { SingleReader = true });

        public Task Consumer { get; set; } = Task.CompletedTask;

        public bool Dropped
        {
            get => _dropped;
            set => _dropped = value;
        }
    }
}
