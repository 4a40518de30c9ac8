using System.Collections.Concurrent;
using FlowForge.Abstractions.Domain;
using Microsoft.Extensions.Options;

namespace FlowForge.Core.Sync;

/// <summary>The scheduling state of every instance, and the one place cadence rules live.</summary>
public sealed class SyncStates(IOptions<SyncOptions> options, TimeProvider time) : IActivitySignal
{
    private readonly ConcurrentDictionary<string, InstanceSyncState> _states = new(StringComparer.Ordinal);

    public void PipelineActive(PipelineKey pipeline)
    {
        if (!_states.TryGetValue(pipeline.InstanceId, out var state))
        {
            return;
        }

        lock (state.Gate)
        {
            if (state.PipelineSources.TryGetValue(pipeline, out var source))
            {
                SnapBack(state, source, time.GetUtcNow());
            }
        }
    }

    public SyncStatus StatusOf(string instanceId)
    {
        if (!_states.TryGetValue(instanceId, out var state))
        {
            return new SyncStatus(null, null, null, 0, 0, 0);
        }

        lock (state.Gate)
        {
            var fast = state.Sources.Values.Count(source => source.Interval <= options.Value.FastInterval);
            return new SyncStatus(state.LastDiscoveryAt, state.NextPollAt, state.NextAttemptAt, state.ConsecutiveFailures, state.Sources.Count, fast);
        }
    }

    public void Forget(string instanceId) => _states.TryRemove(instanceId, out _);

    /// <summary>Forgets the state of instances that no longer exist.</summary>
    public void Retain(IReadOnlySet<string> instanceIds)
    {
        foreach (var gone in _states.Keys.Where(id => !instanceIds.Contains(id)))
        {
            _states.TryRemove(gone, out _);
        }
    }

    internal InstanceSyncState For(string instanceId) => _states.GetOrAdd(instanceId, _ => new InstanceSyncState());

    /// <summary>After a poll of <paramref name="source"/>: fast while active, else twice as slow up to the instance's interval.</summary>
    internal void AfterPoll(InstanceSyncState state, string source, bool active, TimeSpan instanceInterval, DateTimeOffset now)
    {
        var fast = options.Value.FastInterval;
        var interval = active
            ? fast
            : state.Sources.TryGetValue(source, out var current) && current.Interval < instanceInterval
                ? TimeSpan.FromTicks(Math.Min(current.Interval.Ticks * 2, instanceInterval.Ticks))
                : instanceInterval;
        state.Sources[source] = new SourceCadence(interval, now + Jitter(interval));
    }

    /// <summary>A source seen for the first time is polled at the instance's interval, starting now.</summary>
    internal static void Track(InstanceSyncState state, string source, TimeSpan instanceInterval, DateTimeOffset now)
    {
        if (!state.Sources.ContainsKey(source))
        {
            state.Sources[source] = new SourceCadence(instanceInterval, now);
        }
    }

    internal void SnapBack(InstanceSyncState state, string source, DateTimeOffset now)
    {
        var fast = options.Value.FastInterval;
        var next = now + fast;
        if (state.Sources.TryGetValue(source, out var cadence))
        {
            cadence.Interval = fast;
            cadence.NextPollAt = cadence.NextPollAt < next ? cadence.NextPollAt : next;
        }
        else
        {
            state.Sources[source] = new SourceCadence(fast, next);
        }
    }

    internal TimeSpan Jitter(TimeSpan interval)
    {
        var fraction = options.Value.JitterFraction;
        return fraction <= 0 ? interval : interval * (1 + (((Random.Shared.NextDouble() * 2) - 1) * fraction));
    }
}

/// <summary>Where an instance's polling stands, for the API.</summary>
/// <param name="NextPollAt">When the next source is due (a scheduled attempt waits for <paramref name="NextAttemptAt"/> too).</param>
/// <param name="FastSources">How many sources are polled at the fast cadence because something runs there.</param>
public sealed record SyncStatus(
    DateTimeOffset? LastDiscoveryAt,
    DateTimeOffset? NextPollAt,
    DateTimeOffset? NextAttemptAt,
    int ConsecutiveFailures,
    int Sources,
    int FastSources);
