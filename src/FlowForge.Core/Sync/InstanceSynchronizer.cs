using System.Collections.Concurrent;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Errors;
using FlowForge.Core.Persistence;
using FlowForge.Core.Providers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlowForge.Core.Sync;

/// <summary>
/// Brings one instance's stored pipelines, runs and jobs up to date with its provider. At most one sync
/// per instance runs at a time: a request for a sync while one runs gets that sync's result.
/// A failed sync changes no stored data; it only marks the instance unhealthy with a readable error.
/// </summary>
public sealed partial class InstanceSynchronizer(
    IInstanceRepository instances,
    ISyncStore store,
    ProviderConnections connections,
    InstanceRateLimits rateLimits,
    IOptions<SyncOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<InstanceSynchronizer> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<SyncReport>>> _running = new(StringComparer.Ordinal);

    public bool IsRunning(string instanceId) => _running.ContainsKey(instanceId);

    public Task<SyncReport> SyncAsync(string instanceId, CancellationToken cancellationToken)
    {
        var sync = _running.GetOrAdd(instanceId, id => new Lazy<Task<SyncReport>>(() => RunOnceAsync(id)));

        // The sync belongs to the server, not to the caller: a caller that gives up only stops waiting.
        return sync.Value.WaitAsync(cancellationToken);
    }

    private async Task<SyncReport> RunOnceAsync(string instanceId)
    {
        try
        {
            await Task.Yield();
            return await SyncCoreAsync(instanceId, lifetime.ApplicationStopping);
        }
        finally
        {
            _running.TryRemove(instanceId, out _);
        }
    }

    private async Task<SyncReport> SyncCoreAsync(string instanceId, CancellationToken cancellationToken)
    {
        var instance = await instances.FindAsync(instanceId, cancellationToken) ?? throw new NotFoundException($"No instance '{instanceId}'.");
        var startedAt = time.GetUtcNow();
        var previous = await instances.GetHealthAsync(instanceId, cancellationToken);
        try
        {
            var report = await PullAsync(instance, startedAt, cancellationToken);
            await instances.SaveHealthAsync(instanceId, Healthy(instanceId, startedAt), cancellationToken);
            LogSynced(instanceId, report.PipelinesAdded, report.RunsChanged, report.JobsRefreshed);
            return report;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var (message, kind) = Describe(exception);
            LogSyncFailed(instanceId, message, exception is ProviderException ? null : exception);
            await instances.SaveHealthAsync(instanceId, Unhealthy(instanceId, previous, startedAt, message, kind), CancellationToken.None);
            return new SyncReport(instanceId, startedAt, time.GetUtcNow(), false, message, 0, 0, 0, 0, 0);
        }
    }

    private async Task<SyncReport> PullAsync(ProviderInstance instance, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var connection = await connections.GetAsync(instance, cancellationToken);
        var sources = connection is ISourceDiscovery discovery
            ? [.. (await discovery.ListSourcesAsync(cancellationToken)).Where(source => instance.Watch.Includes(source.Id))]
            : Array.Empty<WatchableSource>();
        var pipelines = connection is IPipelineSource pipelineSource
            ? await pipelineSource.ListPipelinesAsync(sources, cancellationToken)
            : [];

        var pipelineChanges = await store.ReplacePipelinesAsync(instance.Id, pipelines, cancellationToken);
        var runsChanged = 0;
        var jobsRefreshed = 0;
        if (connection is IRunSource runSource && pipelines.Count > 0)
        {
            var recent = await runSource.ListRecentRunsAsync(pipelines, options.Value.RecentRunsPerSource, cancellationToken);
            runsChanged = (await store.UpsertRunsAsync(instance.Id, recent, cancellationToken)).Changed.Count;
            jobsRefreshed = await RefreshJobsAsync(instance.Id, runSource, pipelines, cancellationToken);
        }

        return new SyncReport(
            instance.Id, startedAt, time.GetUtcNow(), true, null,
            pipelineChanges.Added.Count, pipelineChanges.Updated.Count, pipelineChanges.Removed.Count, runsChanged, jobsRefreshed);
    }

    private async Task<int> RefreshJobsAsync(string instanceId, IRunSource runSource, IReadOnlyList<Pipeline> pipelines, CancellationToken cancellationToken)
    {
        var pipelinesByKey = pipelines.ToDictionary(pipeline => pipeline.Key);
        var refreshed = 0;
        foreach (var run in await store.ListRunsNeedingJobsAsync(instanceId, options.Value.MaxJobFetchesPerCycle, cancellationToken))
        {
            if (!pipelinesByKey.TryGetValue(run.Pipeline, out var pipeline))
            {
                continue;
            }

            var jobs = await runSource.ListJobsAsync(pipeline, run, cancellationToken);
            await store.ReplaceJobsAsync(run.Pipeline, run.NativeId, jobs, cancellationToken);
            refreshed++;
        }

        return refreshed;
    }

    private InstanceHealth Healthy(string instanceId, DateTimeOffset startedAt) =>
        new(HealthState.Healthy, startedAt, time.GetUtcNow(), null, null, 0, rateLimits.Find(instanceId));

    // The last success stays, so users see how old the data they are looking at is.
    private InstanceHealth Unhealthy(string instanceId, InstanceHealth previous, DateTimeOffset startedAt, string error, ProviderErrorKind kind) =>
        new(HealthState.Unhealthy, startedAt, previous.LastSuccessAt, error, kind, previous.ConsecutiveFailures + 1,
            rateLimits.Find(instanceId) ?? previous.RateLimit);

    private static (string Message, ProviderErrorKind Kind) Describe(Exception exception) => exception switch
    {
        ProviderException provider => (provider.Message, provider.Kind),
        NotFoundException notFound => (notFound.Message, ProviderErrorKind.Misconfigured),

        // An unexpected exception's message may quote anything; users get its type, the log gets the rest.
        _ => ($"The sync failed unexpectedly ({exception.GetType().Name}); see the server log.", ProviderErrorKind.BadResponse),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Synced {InstanceId}: {PipelinesAdded} pipelines added, {RunsChanged} runs changed, {JobsRefreshed} job lists refreshed")]
    private partial void LogSynced(string instanceId, int pipelinesAdded, int runsChanged, int jobsRefreshed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync of {InstanceId} failed: {Error}")]
    private partial void LogSyncFailed(string instanceId, string error, Exception? exception);
}
