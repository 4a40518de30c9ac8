using System.Collections.Concurrent;
using FlowForge.Abstractions.Providers;

namespace FlowForge.Core.Providers;

/// <summary>The latest rate-limit budget each instance's connection observed.</summary>
public sealed class InstanceRateLimits
{
    private readonly ConcurrentDictionary<string, RateLimitSnapshot> _latest = new(StringComparer.Ordinal);

    public IRateLimitObserver ObserverFor(string instanceId) => new Observer(this, instanceId);

    public RateLimitSnapshot? Find(string instanceId) => _latest.GetValueOrDefault(instanceId);

    public void Forget(string instanceId) => _latest.TryRemove(instanceId, out _);

    private sealed class Observer(InstanceRateLimits owner, string instanceId) : IRateLimitObserver
    {
        public void Observe(RateLimitSnapshot snapshot)
        {
            ArgumentNullException.ThrowIfNull(snapshot);
            owner._latest[instanceId] = snapshot;
        }
    }
}
