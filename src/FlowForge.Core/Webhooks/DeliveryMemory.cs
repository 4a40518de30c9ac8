using System.Collections.Concurrent;

namespace FlowForge.Core.Webhooks;

/// <summary>
/// The delivery ids applied most recently, per instance, so a redelivery (a retry, a replay from the provider's
/// settings page, an attacker replaying a captured request) is recognised. Bounded: the oldest id is forgotten
/// when an instance's window is full; a replay older than that is still harmless, since every store write is an
/// idempotent upsert — it only costs the write.
/// </summary>
internal sealed class DeliveryMemory(int capacityPerInstance)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public bool Contains(string instanceId, string deliveryId) =>
        _windows.TryGetValue(instanceId, out var window) && window.Contains(deliveryId);

    public void Remember(string instanceId, string deliveryId) =>
        _windows.GetOrAdd(instanceId, _ => new Window(capacityPerInstance)).Add(deliveryId);

    public void Forget(string instanceId) => _windows.TryRemove(instanceId, out _);

    private sealed class Window(int capacity)
    {
        private readonly Lock _gate = new();
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
        private readonly Queue<string> _order = new();

        public bool Contains(string deliveryId)
        {
            lock (_gate)
            {
                return _ids.Contains(deliveryId);
            }
        }

        public void Add(string deliveryId)
        {
            lock (_gate)
            {
                if (!_ids.Add(deliveryId))
                {
                    return;
                }

                _order.Enqueue(deliveryId);
                if (_order.Count > capacity)
                {
                    _ids.Remove(_order.Dequeue());
                }
            }
        }
    }
}
