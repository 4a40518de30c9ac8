using FlowForge.Core.Events;

namespace FlowForge.Web.Live;

/// <summary>
/// Hands a component the domain events it cares about. Events that arrive together are delivered as one batch, so a
/// burst (a sync touching fifty runs) re-renders once; a subscription the bus dropped for being slow resumes from the
/// last event seen, so a busy page never misses a change.
/// </summary>
public sealed class LiveEvents(IEventBus bus)
{
    public IDisposable Subscribe(Func<FlowEvent, bool> filter, Func<IReadOnlyList<FlowEvent>, Task> onEvents)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(onEvents);
        var pump = new Pump(bus, filter, onEvents);
        pump.Start();
        return pump;
    }

    private sealed class Pump(IEventBus bus, Func<FlowEvent, bool> filter, Func<IReadOnlyList<FlowEvent>, Task> onEvents) : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();

        public void Start() => _ = RunAsync();

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
        }

        private async Task RunAsync()
        {
            long? lastId = null;
            var token = _stop.Token;
            while (!token.IsCancellationRequested)
            {
                using var subscription = bus.Subscribe(lastId, filter);
                try
                {
                    while (await subscription.Events.WaitToReadAsync(token))
                    {
                        var batch = new List<FlowEvent>();
                        while (subscription.Events.TryRead(out var sequenced))
                        {
                            lastId = sequenced.Id;
                            batch.Add(sequenced.Event);
                        }

                        await onEvents(batch);
                    }
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    // The component went away while an update was on its way.
                    return;
                }
            }
        }
    }
}
