using FlowForge.Abstractions.Domain;
using FlowForge.Core.Persistence;
using FlowForge.Storage.Entities;
using FlowForge.Storage.Mapping;
using FlowForge.Storage.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FlowForge.Storage.Repositories;

/// <summary>
/// The sync's writes. Each write loads the rows it may touch by their natural keys (one query per batch of
/// keys), assigns the incoming values and lets the change tracker decide what to save: writing what is
/// stored saves nothing and leaves the store version alone. Each call saves in one transaction, so a
/// failing write leaves the store as it was.
/// </summary>
internal sealed class SyncStore(IDbContextFactory<FlowForgeDbContext> contexts, WriteGate gate, StoreVersion version) : ISyncStore
{
    /// <summary>How many natural keys one lookup query carries (SQLite limits a statement's parameters).</summary>
    internal const int KeysPerQuery = 500;

    private static readonly RunStatus[] ActiveStatuses = [.. Enum.GetValues<RunStatus>().Where(status => status.IsActive())];

    public async Task<IReadOnlyList<Pipeline>> ListPipelinesAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var entities = await context.Pipelines.AsNoTracking()
            .Where(pipeline => pipeline.InstanceId == instanceId)
            .OrderBy(pipeline => pipeline.NativeId)
            .ToListAsync(cancellationToken);
        return [.. entities.Select(DomainMapper.ToDomain)];
    }

    public Task<PipelineChanges> ReplacePipelinesAsync(string instanceId, IReadOnlyList<Pipeline> pipelines, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentNullException.ThrowIfNull(pipelines);
        var foreign = pipelines.FirstOrDefault(pipeline => !string.Equals(pipeline.Key.InstanceId, instanceId, StringComparison.Ordinal));
        if (foreign is not null)
        {
            throw new ArgumentException($"The pipeline '{foreign.Key}' does not belong to instance '{instanceId}'.", nameof(pipelines));
        }

        var wanted = LastPerKey(pipelines, pipeline => pipeline.Key.NativeId);
        return gate.RunAsync(
            async () =>
            {
                await using var context = await contexts.CreateDbContextAsync(cancellationToken);
                if (!await context.Instances.AnyAsync(instance => instance.Id == instanceId, cancellationToken))
                {
                    return new PipelineChanges([], [], []);
                }

                var stored = await context.Pipelines
                    .Where(pipeline => pipeline.InstanceId == instanceId)
                    .ToDictionaryAsync(pipeline => pipeline.NativeId, StringComparer.Ordinal, cancellationToken);

                var added = new List<PipelineKey>();
                var kept = new List<(PipelineKey Key, PipelineEntity Entity)>();
                foreach (var pipeline in wanted)
                {
                    if (stored.Remove(pipeline.Key.NativeId, out var entity))
                    {
                        kept.Add((pipeline.Key, entity));
                    }
                    else
                    {
                        entity = new PipelineEntity();
                        context.Pipelines.Add(entity);
                        added.Add(pipeline.Key);
                    }

                    DomainMapper.Apply(entity, pipeline);
                }

                // Their runs, jobs, steps and logs go by the foreign keys' cascade.
                var removed = new List<PipelineKey>();
                foreach (var gone in stored.Values.OrderBy(pipeline => pipeline.NativeId, StringComparer.Ordinal))
                {
                    context.Pipelines.Remove(gone);
                    removed.Add(new PipelineKey(gone.InstanceId, gone.NativeId));
                }

                context.ChangeTracker.DetectChanges();
                var updated = kept.Where(item => context.Entry(item.Entity).State == EntityState.Modified).Select(item => item.Key).ToList();
                await SaveAsync(context, cancellationToken);
                return new PipelineChanges(added, updated, removed);
            },
            cancellationToken);
    }

    public Task<RunChanges> UpsertRunsAsync(string instanceId, IReadOnlyList<Run> runs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentNullException.ThrowIfNull(runs);
        var wanted = LastPerKey(
            runs.Where(run => string.Equals(run.Pipeline.InstanceId, instanceId, StringComparison.Ordinal)),
            run => run.NativeId);
        if (wanted.Count == 0)
        {
            return Task.FromResult(new RunChanges([]));
        }

        return gate.RunAsync(
            async () =>
            {
                await using var context = await contexts.CreateDbContextAsync(cancellationToken);
                var pipelineIds = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var chunk in wanted.Select(run => run.Pipeline.NativeId).Distinct(StringComparer.Ordinal).Chunk(KeysPerQuery))
                {
                    var found = await context.Pipelines
                        .Where(pipeline => pipeline.InstanceId == instanceId && chunk.Contains(pipeline.NativeId))
                        .Select(pipeline => new { pipeline.NativeId, pipeline.Id })
                        .ToListAsync(cancellationToken);
                    found.ForEach(pipeline => pipelineIds[pipeline.NativeId] = pipeline.Id);
                }

                // Runs of pipelines that are not stored (not watched, or removed meanwhile) are ignored.
                // New rows get ids in creation order: ids break ties between runs created in the same second.
                var known = wanted.Where(run => pipelineIds.ContainsKey(run.Pipeline.NativeId))
                    .OrderBy(run => run.CreatedAt).ThenBy(run => run.Number).ToList();
                var stored = new Dictionary<string, RunEntity>(StringComparer.Ordinal);
                foreach (var chunk in known.Select(run => run.NativeId).Chunk(KeysPerQuery))
                {
                    var found = await context.Runs
                        .Where(run => run.InstanceId == instanceId && chunk.Contains(run.NativeId))
                        .ToListAsync(cancellationToken);
                    found.ForEach(run => stored[run.NativeId] = run);
                }

                var candidates = new List<(Run Run, RunEntity Entity, RunStatus? Previous, bool IsNew)>(known.Count);
                foreach (var run in known)
                {
                    if (stored.TryGetValue(run.NativeId, out var entity))
                    {
                        if (IsOlder(run, entity))
                        {
                            continue;
                        }

                        candidates.Add((run, entity, entity.Status, false));
                    }
                    else
                    {
                        entity = new RunEntity();
                        context.Runs.Add(entity);
                        candidates.Add((run, entity, null, true));
                    }

                    DomainMapper.Apply(entity, run, pipelineIds[run.Pipeline.NativeId]);
                }

                context.ChangeTracker.DetectChanges();
                var changed = candidates
                    .Where(item => item.IsNew || context.Entry(item.Entity).State == EntityState.Modified)
                    .Select(item => new RunChange(item.Run, item.Previous))
                    .ToList();
                await SaveAsync(context, cancellationToken);
                return new RunChanges(changed);
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<Run>> ListActiveRunsAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Runs.AsNoTracking()
            .Where(run => run.InstanceId == instanceId && ActiveStatuses.Contains(run.Status))
            .OrderByDescending(run => run.CreatedAt)
            .Select(run => new RunRow(run, run.Pipeline!.NativeId))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(row => DomainMapper.ToDomain(row.Run, row.PipelineNativeId))];
    }

    public async Task<IReadOnlyList<Run>> ListRunsNeedingJobsAsync(string instanceId, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await NeedingJobsQuery(context, instanceId, limit).ToListAsync(cancellationToken);
        return [.. rows.Select(row => DomainMapper.ToDomain(row.Run, row.PipelineNativeId))];
    }

    /// <summary>
    /// New runs (never stamped), runs changed since their jobs were stored (stamp differs from the current
    /// status or update time) and active runs (their jobs move without the run's own fields changing).
    /// </summary>
    internal static IQueryable<RunRow> NeedingJobsQuery(FlowForgeDbContext context, string instanceId, int limit) =>
        context.Runs.AsNoTracking()
            .Where(run => run.InstanceId == instanceId
                && (run.JobsSyncedForStatus == null
                    || run.JobsSyncedForStatus != run.Status
                    || run.JobsSyncedForUpdatedAt != run.UpdatedAt
                    || ActiveStatuses.Contains(run.Status)))
            .OrderByDescending(run => run.CreatedAt)
            .ThenByDescending(run => run.Id)
            .Take(limit)
            .Select(run => new RunRow(run, run.Pipeline!.NativeId));

    public Task<bool> ReplaceJobsAsync(PipelineKey pipeline, string runNativeId, IReadOnlyList<Job> jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var wanted = LastPerKey(jobs, job => job.NativeId);
        return gate.RunAsync(
            async () =>
            {
                await using var context = await contexts.CreateDbContextAsync(cancellationToken);
                var run = await context.Runs
                    .Where(run => run.InstanceId == pipeline.InstanceId && run.NativeId == runNativeId && run.Pipeline!.NativeId == pipeline.NativeId)
                    .SingleOrDefaultAsync(cancellationToken);
                if (run is null)
                {
                    return false;
                }

                // Tracked: the change tracker attaches them to run.Jobs.
                var storedJobs = (await PipelineReader.JobsQuery(context, run.Id).ToListAsync(cancellationToken))
                    .ToDictionary(job => job.NativeId, StringComparer.Ordinal);
                for (var ordinal = 0; ordinal < wanted.Count; ordinal++)
                {
                    var job = wanted[ordinal];
                    if (!storedJobs.Remove(job.NativeId, out var entity))
                    {
                        entity = new JobEntity();
                        run.Jobs.Add(entity);
                    }

                    DomainMapper.Apply(entity, job, ordinal);
                    ReplaceSteps(context, entity, job.Steps);
                }

                // A vanished job takes its steps (tracked) and its log (by the foreign key) with it.
                foreach (var gone in storedJobs.Values)
                {
                    context.Jobs.Remove(gone);
                }

                var jobsChanged = JobsOrStepsChanged(context);
                run.JobsSyncedForStatus = run.Status;
                run.JobsSyncedForUpdatedAt = run.UpdatedAt;
                await SaveAsync(context, cancellationToken);
                return jobsChanged;
            },
            cancellationToken);
    }

    public Task<Run?> UpsertJobAsync(string instanceId, string runNativeId, Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return gate.RunAsync(
            async () =>
            {
                await using var context = await contexts.CreateDbContextAsync(cancellationToken);
                var row = await context.Runs
                    .Where(run => run.InstanceId == instanceId && run.NativeId == runNativeId)
                    .Select(run => new { Run = run, PipelineNativeId = run.Pipeline!.NativeId })
                    .SingleOrDefaultAsync(cancellationToken);
                if (row is null)
                {
                    return null;
                }

                var storedJobs = await PipelineReader.JobsQuery(context, row.Run.Id).ToListAsync(cancellationToken);
                var entity = storedJobs.FirstOrDefault(stored => stored.NativeId == job.NativeId);

                // A job never runs again once finished (a re-run is a new job): a late delivery must not turn it back.
                if (entity is not null && entity.Status.IsFinished() && !job.Status.IsFinished())
                {
                    return null;
                }

                if (entity is null)
                {
                    entity = new JobEntity();
                    row.Run.Jobs.Add(entity);
                }

                // The run's "jobs synced for" stamp stays: one job is not the whole list.
                DomainMapper.Apply(entity, job, entity.Id == 0 ? storedJobs.Count : entity.Ordinal);
                ReplaceSteps(context, entity, job.Steps);
                var changed = JobsOrStepsChanged(context);
                await SaveAsync(context, cancellationToken);
                return changed ? DomainMapper.ToDomain(row.Run, row.PipelineNativeId) : null;
            },
            cancellationToken);
    }

    private static bool JobsOrStepsChanged(FlowForgeDbContext context)
    {
        context.ChangeTracker.DetectChanges();
        return context.ChangeTracker.Entries()
            .Any(entry => entry.Entity is JobEntity or StepEntity && entry.State is not (EntityState.Unchanged or EntityState.Detached));
    }

    /// <summary>An incoming run older than the stored one (a late or replayed webhook) must not turn it back.</summary>
    private static bool IsOlder(Run incoming, RunEntity stored) =>
        incoming.UpdatedAt is { } incomingAt && stored.UpdatedAt is { } storedAt
            && incomingAt.ToUnixTimeMilliseconds() < storedAt.ToUnixTimeMilliseconds();

    private static void ReplaceSteps(FlowForgeDbContext context, JobEntity job, IReadOnlyList<Step>? steps)
    {
        var storedSteps = job.Steps.ToDictionary(step => step.Number);
        foreach (var step in LastPerKey(steps ?? [], step => step.Number))
        {
            if (!storedSteps.Remove(step.Number, out var entity))
            {
                entity = new StepEntity();
                job.Steps.Add(entity);
            }

            DomainMapper.Apply(entity, step);
        }

        foreach (var gone in storedSteps.Values)
        {
            context.Steps.Remove(gone);
        }
    }

    private async Task SaveAsync(FlowForgeDbContext context, CancellationToken cancellationToken)
    {
        if (await context.SaveChangesAsync(cancellationToken) > 0)
        {
            version.Bump();
        }
    }

    /// <summary>One item per key, the last given winning, in the order of their first appearance.</summary>
    private static List<T> LastPerKey<T, TKey>(IEnumerable<T> items, Func<T, TKey> key)
        where TKey : notnull
    {
        var positions = new Dictionary<TKey, int>();
        var result = new List<T>();
        foreach (var item in items)
        {
            if (positions.TryGetValue(key(item), out var position))
            {
                result[position] = item;
            }
            else
            {
                positions[key(item)] = result.Count;
                result.Add(item);
            }
        }

        return result;
    }
}
