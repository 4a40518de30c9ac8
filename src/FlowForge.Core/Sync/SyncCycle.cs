using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Events;
using FlowForge.Core.Persistence;
using FlowForge.Core.Providers;
using Microsoft.Extensions.Options;

namespace FlowForge.Core.Sync;

/// <summary>
/// One cycle of one instance, asking only for what may have changed. A discovery cycle lists the sources
/// (one conditional request) and the pipelines of sources whose version moved; a poll cycle lists the newest
/// runs of each due source (one conditional request per source), refreshes active runs the listing did not
/// show, and fetches jobs of runs that changed or still run. Every write publishes what it changed.
/// </summary>
public sealed class SyncCycle(
    ISyncStore store, IEventBus events, SyncStates states, ProviderConnections connections, RateLimitBudgets budgets, IOptions<SyncOptions> options, TimeProvider time)
{
    internal async Task<CycleOutcome> RunAsync(ProviderInstance instance, IProviderConnection connection, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        var state = states.For(instance.Id);
        var now = time.GetUtcNow();
        var outcome = new CycleOutcome();
        bool discover;
        lock (state.Gate)
        {
            discover = trigger == SyncTrigger.Manual || state.LastDiscoveryAt is null || now - state.LastDiscoveryAt >= options.Value.DiscoveryInterval;
        }

        IReadOnlyList<Pipeline> pipelines = await store.ListPipelinesAsync(instance.Id, cancellationToken);
        if (discover)
        {
            pipelines = await DiscoverAsync(instance, connection, state, pipelines, outcome, cancellationToken);
        }

        HashSet<string> due;
        lock (state.Gate)
        {
            var sources = pipelines.Select(pipeline => pipeline.Repository).ToHashSet(StringComparer.Ordinal);
            foreach (var source in sources)
            {
                SyncStates.Track(state, source, instance.RefreshInterval, now);
            }

            foreach (var gone in state.Sources.Keys.Where(source => !sources.Contains(source)).ToList())
            {
                state.Sources.Remove(gone);
            }

            state.PipelineSources = pipelines.ToDictionary(pipeline => pipeline.Key, pipeline => pipeline.Repository);

            // A scheduled discovery cycle only discovers, so that no cycle costs more than one request per source.
            due = trigger == SyncTrigger.Manual ? sources
                : discover ? []
                : [.. state.Sources.Where(pair => pair.Value.NextPollAt <= now).Select(pair => pair.Key)];
        }

        if (due.Count > 0 && connection is IRunSource runs)
        {
            await PollAsync(instance, runs, [.. pipelines.Where(pipeline => due.Contains(pipeline.Repository))], pipelines, state, due, outcome, cancellationToken);
        }

        return outcome;
    }

    private async Task<IReadOnlyList<Pipeline>> DiscoverAsync(
        ProviderInstance instance, IProviderConnection connection, InstanceSyncState state, IReadOnlyList<Pipeline> stored, CycleOutcome outcome, CancellationToken cancellationToken)
    {
        if (connection is not ISourceDiscovery discovery || connection is not IPipelineSource pipelineSource)
        {
            return stored;
        }

        var sources = (await discovery.ListSourcesAsync(cancellationToken)).Where(source => instance.Watch.Includes(source.Id)).ToList();
        Dictionary<string, string?> known;
        lock (state.Gate)
        {
            known = state.SourceVersions;
        }

        var changed = sources.Where(source => source.Version is null || !known.TryGetValue(source.Id, out var version) || version != source.Version).ToList();
        var changedIds = changed.Select(source => source.Id).ToHashSet(StringComparer.Ordinal);
        var unchangedIds = sources.Select(source => source.Id).Where(id => !changedIds.Contains(id)).ToHashSet(StringComparer.Ordinal);
        var fetched = changed.Count > 0 ? await pipelineSource.ListPipelinesAsync(changed, cancellationToken) : [];
        List<Pipeline> pipelines = [.. stored.Where(pipeline => unchangedIds.Contains(pipeline.Repository)), .. fetched];

        var changes = await store.ReplacePipelinesAsync(instance.Id, pipelines, cancellationToken);
        outcome.Pipelines = changes;
        await PublishAsync(ChangeEvents.From(instance.Id, changes, time.GetUtcNow()), cancellationToken);
        lock (state.Gate)
        {
            state.SourceVersions = sources.ToDictionary(source => source.Id, source => source.Version, StringComparer.Ordinal);
            state.LastDiscoveryAt = time.GetUtcNow();
        }

        return pipelines;
    }

    private async Task PollAsync(
        ProviderInstance instance,
        IRunSource runs,
        IReadOnlyList<Pipeline> duePipelines,
        IReadOnlyList<Pipeline> allPipelines,
        InstanceSyncState state,
        HashSet<string> dueSources,
        CycleOutcome outcome,
        CancellationToken cancellationToken)
    {
        var recent = await runs.ListRecentRunsAsync(duePipelines, options.Value.RecentRunsPerSource, cancellationToken);
        var changedSources = new HashSet<string>(StringComparer.Ordinal);
        await UpsertAsync(instance.Id, recent, allPipelines, changedSources, outcome, cancellationToken);

        // Active runs pushed off the first page by newer ones are refreshed one by one until they finish.
        var pipelinesByKey = allPipelines.ToDictionary(pipeline => pipeline.Key);
        var listed = recent.Select(run => run.NativeId).ToHashSet(StringComparer.Ordinal);
        var missing = (await store.ListActiveRunsAsync(instance.Id, cancellationToken))
            .Where(run => !listed.Contains(run.NativeId) && pipelinesByKey.TryGetValue(run.Pipeline, out var pipeline) && dueSources.Contains(pipeline.Repository));
        var refreshed = new List<Run>();
        foreach (var run in missing.TakeWhile(_ => budgets.HasHeadroom(connections.BudgetKeyOf(instance.Id))))
        {
            try
            {
                refreshed.Add(await runs.GetRunAsync(pipelinesByKey[run.Pipeline], run.NativeId, cancellationToken));
            }
            catch (ProviderException exception) when (exception.Kind == ProviderErrorKind.NotFound)
            {
                // Deleted upstream: nothing to refresh; retention removes it in time.
            }
        }

        await UpsertAsync(instance.Id, refreshed, allPipelines, changedSources, outcome, cancellationToken);
        await RefreshJobsAsync(instance.Id, runs, pipelinesByKey, outcome, cancellationToken);

        var activeSources = (await store.ListActiveRunsAsync(instance.Id, cancellationToken))
            .Select(run => pipelinesByKey.TryGetValue(run.Pipeline, out var pipeline) ? pipeline.Repository : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        lock (state.Gate)
        {
            foreach (var source in dueSources)
            {
                states.AfterPoll(state, source, activeSources.Contains(source) || changedSources.Contains(source), instance.RefreshInterval, now);
            }
        }
    }

    private async Task UpsertAsync(
        string instanceId, IReadOnlyList<Run> runs, IReadOnlyList<Pipeline> pipelines, HashSet<string> changedSources, CycleOutcome outcome, CancellationToken cancellationToken)
    {
        if (runs.Count == 0)
        {
            return;
        }

        var changes = await store.UpsertRunsAsync(instanceId, runs, cancellationToken);
        outcome.RunsChanged += changes.Changed.Count;
        var sourceOf = pipelines.ToDictionary(pipeline => pipeline.Key, pipeline => pipeline.Repository);
        foreach (var change in changes.Changed)
        {
            if (sourceOf.TryGetValue(change.Run.Pipeline, out var source))
            {
                changedSources.Add(source);
            }
        }

        await PublishAsync(ChangeEvents.From(instanceId, changes, time.GetUtcNow()), cancellationToken);
    }

    private async Task RefreshJobsAsync(
        string instanceId, IRunSource runs, Dictionary<PipelineKey, Pipeline> pipelines, CycleOutcome outcome, CancellationToken cancellationToken)
    {
        foreach (var run in await store.ListRunsNeedingJobsAsync(instanceId, options.Value.MaxJobFetchesPerCycle, cancellationToken))
        {
            if (!pipelines.TryGetValue(run.Pipeline, out var pipeline))
            {
                continue;
            }

            // Jobs can wait for the next cycle; the budget's reserve cannot be given back.
            if (!budgets.HasHeadroom(connections.BudgetKeyOf(instanceId)))
            {
                break;
            }

            var jobs = await runs.ListJobsAsync(pipeline, run, cancellationToken);
            outcome.JobsRefreshed++;
            if (await store.ReplaceJobsAsync(run.Pipeline, run.NativeId, jobs, cancellationToken))
            {
                await PublishAsync([ChangeEvents.JobsChanged(instanceId, run, time.GetUtcNow())], cancellationToken);
            }
        }
    }

    private async Task PublishAsync(IEnumerable<FlowEvent> changes, CancellationToken cancellationToken)
    {
        var list = changes.ToList();
        if (list.Count > 0)
        {
            await events.PublishAsync(list, cancellationToken);
        }
    }
}

/// <summary>What one cycle changed.</summary>
public sealed class CycleOutcome
{
    public PipelineChanges Pipelines { get; set; } = new([], [], []);

    public int RunsChanged { get; set; }

    public int JobsRefreshed { get; set; }
}
