using System.Collections.Concurrent;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Errors;
using FlowForge.Core.Events;
using FlowForge.Core.Persistence;
using FlowForge.Core.Providers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlowForge.Core.Sync;

/// <summary>
/// Runs sync cycles of one instance at a time: a request for a sync while one runs gets that sync's result.
/// Owns what a cycle's success or failure means: health, the back-off ladder, rate-limit blocks, the cost
/// that paces the next cycles. A failed cycle changes no stored data beyond what it wrote before failing.
/// </summary>
public sealed partial class InstanceSynchronizer(
    IInstanceRepository instances,
    ProviderConnections connections,
    RateLimitBudgets budgets,
    SyncStates states,
    SyncCycle cycle,
    IEventBus events,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<InstanceSynchronizer> logger)
{
    private static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Lazy<Task<SyncReport>>> _running = new(StringComparer.Ordinal);

    public bool IsRunning(string instanceId) => _running.ContainsKey(instanceId);

    /// <summary>"Sync now": discovery and every source, now, or the result of the sync already running.</summary>
    public Task<SyncReport> SyncAsync(string instanceId, CancellationToken cancellationToken) =>
        SyncAsync(instanceId, SyncTrigger.Manual, cancellationToken);

    public Task<SyncReport> SyncAsync(string instanceId, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        var sync = _running.GetOrAdd(instanceId, id => new Lazy<Task<SyncReport>>(() => RunOnceAsync(id, trigger)));

        // The sync belongs to the server, not to the caller: a caller that gives up only stops waiting.
        return sync.Value.WaitAsync(cancellationToken);
    }

    private async Task<SyncReport> RunOnceAsync(string instanceId, SyncTrigger trigger)
    {
        try
        {
            await Task.Yield();
            return await SyncCoreAsync(instanceId, trigger, lifetime.ApplicationStopping);
        }
        finally
        {
            _running.TryRemove(instanceId, out _);
        }
    }

    private async Task<SyncReport> SyncCoreAsync(string instanceId, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        var instance = await instances.FindAsync(instanceId, cancellationToken) ?? throw new NotFoundException($"No instance '{instanceId}'.");
        var startedAt = time.GetUtcNow();
        var previous = await instances.GetHealthAsync(instanceId, cancellationToken);
        if (connections.BudgetKeyOf(instanceId) is { } blockedKey && budgets.BlockedUntil(blockedKey) is { } until)
        {
            // Honour Retry-After even for "sync now": the provider asked for silence, and gets it.
            return Report(instanceId, startedAt, $"The provider's rate limit asks FlowForge to wait until {until:u}; nothing was sent.", null);
        }

        var before = connections.BudgetKeyOf(instanceId) is { } knownKey ? budgets.Find(knownKey) : null;
        try
        {
            var connection = await connections.GetAsync(instance, cancellationToken);
            var outcome = await cycle.RunAsync(instance, connection, trigger, cancellationToken);
            RecordCost(instanceId, startedAt, before);
            lock (states.For(instanceId).Gate)
            {
                states.For(instanceId).ConsecutiveFailures = 0;
                states.For(instanceId).NextAttemptAt = null;
            }

            var health = new InstanceHealth(HealthState.Healthy, startedAt, time.GetUtcNow(), null, null, 0, RateLimitOf(instanceId, previous));
            await SaveHealthAsync(instanceId, previous, health, cancellationToken);
            LogSynced(instanceId, trigger, outcome.Pipelines.Added.Count, outcome.RunsChanged, outcome.JobsRefreshed);
            return new SyncReport(
                instanceId, startedAt, time.GetUtcNow(), true, null,
                outcome.Pipelines.Added.Count, outcome.Pipelines.Updated.Count, outcome.Pipelines.Removed.Count, outcome.RunsChanged, outcome.JobsRefreshed);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            RecordCost(instanceId, startedAt, before);
            var (message, kind) = Describe(exception);
            var nextAttempt = ClimbLadder(instanceId, exception as ProviderException);
            LogSyncFailed(instanceId, message, nextAttempt, exception is ProviderException ? null : exception);
            var state = kind is ProviderErrorKind.AuthenticationFailed or ProviderErrorKind.PermissionDenied or ProviderErrorKind.Misconfigured
                ? HealthState.Unhealthy
                : HealthState.Degraded;
            var health = new InstanceHealth(
                state, startedAt, previous.LastSuccessAt, message, kind, previous.ConsecutiveFailures + 1, RateLimitOf(instanceId, previous));
            await SaveHealthAsync(instanceId, previous, health, CancellationToken.None);
            return Report(instanceId, startedAt, message, null);
        }
    }

    private DateTimeOffset ClimbLadder(string instanceId, ProviderException? failure)
    {
        var now = time.GetUtcNow();
        var state = states.For(instanceId);
        lock (state.Gate)
        {
            state.ConsecutiveFailures++;
            var next = now + states.Jitter(BackoffLadder.Delay(state.ConsecutiveFailures));
            if (failure is { Kind: ProviderErrorKind.RateLimited } && connections.BudgetKeyOf(instanceId) is { } key)
            {
                var until = failure.RetryAt ?? now + DefaultRateLimitWait;
                budgets.Block(key, until);
                next = next > until ? next : until;
            }

            state.NextAttemptAt = next;
            return next;
        }
    }

    private void RecordCost(string instanceId, DateTimeOffset startedAt, RateLimitSnapshot? before)
    {
        if (connections.BudgetKeyOf(instanceId) is not { } key || budgets.Find(key) is not { } after)
        {
            return;
        }

        // Within one window the cost is what the remaining budget lost; across a reset, what the new window used.
        var cost = before is not null && before.ResetsAt == after.ResetsAt
            ? Math.Max(0, before.Remaining - after.Remaining)
            : Math.Max(0, after.Limit - after.Remaining);
        budgets.RecordCycle(key, startedAt, cost);
    }

    private RateLimitSnapshot? RateLimitOf(string instanceId, InstanceHealth previous) =>
        (connections.BudgetKeyOf(instanceId) is { } key ? budgets.Find(key) : null) ?? previous.RateLimit;

    private async Task SaveHealthAsync(string instanceId, InstanceHealth previous, InstanceHealth health, CancellationToken cancellationToken)
    {
        await instances.SaveHealthAsync(instanceId, health, cancellationToken);
        if (previous.State != health.State || !string.Equals(previous.LastError, health.LastError, StringComparison.Ordinal))
        {
            await events.PublishAsync([ChangeEvents.HealthChanged(instanceId, health, time.GetUtcNow())], cancellationToken);
        }
    }

    private SyncReport Report(string instanceId, DateTimeOffset startedAt, string error, PipelineChanges? changes) =>
        new(instanceId, startedAt, time.GetUtcNow(), false, error,
            changes?.Added.Count ?? 0, changes?.Updated.Count ?? 0, changes?.Removed.Count ?? 0, 0, 0);

    private static (string Message, ProviderErrorKind Kind) Describe(Exception exception) => exception switch
    {
        ProviderException provider => (provider.Message, provider.Kind),
        NotFoundException notFound => (notFound.Message, ProviderErrorKind.Misconfigured),

        // An unexpected exception's message may quote anything; users get its type, the log gets the rest.
        _ => ($"The sync failed unexpectedly ({exception.GetType().Name}); see the server log.", ProviderErrorKind.BadResponse),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Synced {InstanceId} ({Trigger}): {PipelinesAdded} pipelines added, {RunsChanged} runs changed, {JobsRefreshed} job lists read")]
    private partial void LogSynced(string instanceId, SyncTrigger trigger, int pipelinesAdded, int runsChanged, int jobsRefreshed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync of {InstanceId} failed: {Error} Next attempt at {NextAttempt:u}.")]
    private partial void LogSyncFailed(string instanceId, string error, DateTimeOffset nextAttempt, Exception? exception);
}
