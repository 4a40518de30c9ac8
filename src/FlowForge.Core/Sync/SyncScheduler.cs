using System.Collections.Concurrent;
using FlowForge.Core.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlowForge.Core.Sync;

/// <summary>
/// Starts each instance's sync when its own refresh interval has passed since the last attempt. A slow
/// instance never holds up another: syncs run side by side, one at a time per instance.
/// </summary>
/// <remarks>
/// Deliberately plain: adaptive cadence, jitter, rate-limit budgets and back-off replace the "due" rule
/// here when the full sync engine lands; the synchronizer underneath stays.
/// </remarks>
public sealed partial class SyncScheduler(
    IInstanceRepository instances,
    InstanceSynchronizer synchronizer,
    IOptions<SyncOptions> options,
    TimeProvider time,
    ILogger<SyncScheduler> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastAttempt = new(StringComparer.Ordinal);

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
                await StartDueSyncsAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // A broken tick (say, the database briefly locked) must not end scheduling for good.
                LogTickFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task StartDueSyncsAsync(CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var all = await instances.ListAsync(stoppingToken);
        foreach (var instance in all)
        {
            var due = !_lastAttempt.TryGetValue(instance.Id, out var last) || now - last >= instance.RefreshInterval;
            if (due && !synchronizer.IsRunning(instance.Id))
            {
                _lastAttempt[instance.Id] = now;
                _ = synchronizer.SyncAsync(instance.Id, stoppingToken).ContinueWith(
                    task => LogSyncCrashed(task.Exception!, instance.Id),
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted,
                    TaskScheduler.Default);
            }
        }

        foreach (var gone in _lastAttempt.Keys.Except(all.Select(instance => instance.Id)))
        {
            _lastAttempt.TryRemove(gone, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The sync scheduler's tick failed")]
    private partial void LogTickFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The sync of {InstanceId} crashed")]
    private partial void LogSyncCrashed(Exception exception, string instanceId);
}
