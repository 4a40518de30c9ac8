using FlowForge.Core.Persistence;
using FlowForge.Core.Providers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlowForge.Core.Sync;

/// <summary>
/// Starts each instance's sync when something of it is due — a source whose cadence came round, or
/// discovery — unless the instance waits on the back-off ladder or its credential's rate-limit budget asks
/// for a slower pace. Syncs of different instances run side by side, one at a time per instance.
/// </summary>
public sealed partial class SyncScheduler(
    IInstanceRepository instances,
    InstanceSynchronizer synchronizer,
    SyncStates states,
    ProviderConnections connections,
    RateLimitBudgets budgets,
    IOptions<SyncOptions> options,
    TimeProvider time,
    ILogger<SyncScheduler> logger) : BackgroundService
{
    /// <summary>
    /// One scheduling pass: starts every sync that is due. With <paramref name="waitForSyncs"/> it returns
    /// when those syncs finished, which lets tests step a fake clock deterministically.
    /// </summary>
    public async Task RunDueAsync(bool waitForSyncs, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var all = await instances.ListAsync(cancellationToken);
        var started = new List<Task>();
        foreach (var instance in all)
        {
            if (!synchronizer.IsRunning(instance.Id) && IsDue(instance.Id, now))
            {
                var sync = synchronizer.SyncAsync(instance.Id, SyncTrigger.Scheduled, cancellationToken);
                started.Add(sync);
                _ = sync.ContinueWith(
                    task => LogSyncCrashed(task.Exception!, instance.Id),
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted,
                    TaskScheduler.Default);
            }
        }

        states.Retain(all.Select(instance => instance.Id).ToHashSet(StringComparer.Ordinal));
        if (waitForSyncs)
        {
            await Task.WhenAll(started.Select(task => task.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SchedulerEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.SchedulerTick, time);
        do
        {
            try
            {
                await RunDueAsync(waitForSyncs: false, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // A broken pass (say, the database briefly locked) must not end scheduling for good.
                LogTickFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private bool IsDue(string instanceId, DateTimeOffset now)
    {
        var state = states.For(instanceId);
        DateTimeOffset? lastDiscovery;
        DateTimeOffset? nextPoll;
        lock (state.Gate)
        {
            if (state.NextAttemptAt > now)
            {
                return false;
            }

            lastDiscovery = state.LastDiscoveryAt;
            nextPoll = state.NextPollAt;
        }

        if (connections.BudgetKeyOf(instanceId) is { } key && budgets.EarliestNextCycle(key, now) > now)
        {
            return false;
        }

        return lastDiscovery is null || now - lastDiscovery >= options.Value.DiscoveryInterval || nextPoll <= now;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of the sync scheduler failed")]
    private partial void LogTickFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The sync of {InstanceId} crashed")]
    private partial void LogSyncCrashed(Exception exception, string instanceId);
}
