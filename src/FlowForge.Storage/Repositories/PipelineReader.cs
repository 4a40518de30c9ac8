using FlowForge.Abstractions.Domain;
using FlowForge.Core.Persistence;
using FlowForge.Storage.Entities;
using FlowForge.Storage.Mapping;
using FlowForge.Storage.Sqlite;
using Microsoft.EntityFrameworkCore;
using static FlowForge.Storage.Conversions.UnixMillisecondsConverter;

namespace FlowForge.Storage.Repositories;

/// <summary>The API's reads, answered from the store alone; and the store's copy of finished jobs' logs.</summary>
internal sealed class PipelineReader(IDbContextFactory<FlowForgeDbContext> contexts, WriteGate gate, TimeProvider time) : IPipelineReader
{
    public const int MaxRunsPerPage = 200;

    public async Task<IReadOnlyList<PipelineSummary>> ListPipelineSummariesAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await SummariesQuery(context).ToListAsync(cancellationToken);
        return [.. rows.Select(row => new PipelineSummary(
            DomainMapper.ToDomain(row.Pipeline),
            row.LatestRun is null ? null : DomainMapper.ToDomain(row.LatestRun, row.Pipeline.NativeId)))];
    }

    /// <summary>
    /// Every pipeline joined to its latest run in one statement: the join condition is a correlated subquery
    /// that picks the newest run's id by one seek on <c>ix_runs_pipeline_created</c>, so the cost grows with
    /// the number of pipelines, not with the number of runs.
    /// </summary>
    internal static IQueryable<SummaryRow> SummariesQuery(FlowForgeDbContext context) =>
        from pipeline in context.Pipelines.AsNoTracking()
        join run in context.Runs.AsNoTracking()
            on context.Runs
                .Where(candidate => candidate.PipelineId == pipeline.Id)
                .OrderByDescending(candidate => candidate.CreatedAt)
                .ThenByDescending(candidate => candidate.Number)
                .ThenByDescending(candidate => candidate.Id)
                .Select(candidate => (long?)candidate.Id)
                .FirstOrDefault()
            equals (long?)run.Id into latest
        from run in latest.DefaultIfEmpty()
        orderby pipeline.Id
        select new SummaryRow(pipeline, run);

    public async Task<Pipeline?> FindPipelineAsync(PipelineKey key, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await context.Pipelines.AsNoTracking()
            .SingleOrDefaultAsync(pipeline => pipeline.InstanceId == key.InstanceId && pipeline.NativeId == key.NativeId, cancellationToken);
        return entity is null ? null : DomainMapper.ToDomain(entity);
    }

    public async Task<RunPage> ListRunsAsync(PipelineKey key, RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.Cursor is null ? (RunCursor?)null : RunCursor.Decode(query.Cursor);
        var limit = Math.Clamp(query.Limit, 1, MaxRunsPerPage);

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var pipelineId = await context.Pipelines
            .Where(pipeline => pipeline.InstanceId == key.InstanceId && pipeline.NativeId == key.NativeId)
            .Select(pipeline => (long?)pipeline.Id)
            .SingleOrDefaultAsync(cancellationToken);
        if (pipelineId is null)
        {
            return new RunPage([], null);
        }

        var page = await RunsPageQuery(context, pipelineId.Value, query.Status, query.Branch, after, limit + 1, query.Actor, query.Since, query.Until)
            .ToListAsync(cancellationToken);
        var next = page.Count > limit ? new RunCursor(page[limit - 1].CreatedAt.ToUnixTimeMilliseconds(), page[limit - 1].Id).Encode() : null;
        return new RunPage([.. page.Take(limit).Select(run => DomainMapper.ToDomain(run, key.NativeId))], next);
    }

    /// <summary>
    /// One page of a pipeline's runs in (created_at DESC, id DESC) order, after the cursor's position: a range
    /// read of <c>ix_runs_pipeline_created</c> in index order, whatever page is asked for. A time range narrows
    /// that same index range; the other filters are checked on the rows it reads.
    /// </summary>
    internal static IQueryable<RunEntity> RunsPageQuery(
        FlowForgeDbContext context,
        long pipelineId,
        RunStatus? status,
        string? branch,
        RunCursor? after,
        int take,
        string? actor = null,
        DateTimeOffset? since = null,
        DateTimeOffset? until = null)
    {
        var runs = context.Runs.AsNoTracking().Where(run => run.PipelineId == pipelineId);
        if (status is { } wantedStatus)
        {
            runs = runs.Where(run => run.Status == wantedStatus);
        }

        if (branch is not null)
        {
            runs = runs.Where(run => run.Branch == branch);
        }

        if (actor is not null)
        {
            // Translated to SQL lower(), which folds ASCII only: what provider logins are made of. (string.Equals
            // with a StringComparison, which the analyzer prefers, has no SQL translation.)
            var wantedActor = actor.ToLowerInvariant();
#pragma warning disable CA1862
            runs = runs.Where(run => run.Actor != null && run.Actor.ToLower() == wantedActor);
#pragma warning restore CA1862
        }

        if (since is { } from)
        {
            runs = runs.Where(run => run.CreatedAt >= from);
        }

        if (until is { } to)
        {
            runs = runs.Where(run => run.CreatedAt < to);
        }

        if (after is { } cursor)
        {
            var createdAt = cursor.CreatedAt;
            var id = cursor.Id;
            runs = runs.Where(run => run.CreatedAt < createdAt || (run.CreatedAt == createdAt && run.Id < id));
        }

        return runs.OrderByDescending(run => run.CreatedAt).ThenByDescending(run => run.Id).Take(take);
    }

    public async Task<RunDetail?> FindRunAsync(PipelineKey key, string runNativeId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await context.Runs.AsNoTracking()
            .Where(run => run.InstanceId == key.InstanceId && run.NativeId == runNativeId && run.Pipeline!.NativeId == key.NativeId)
            .SingleOrDefaultAsync(cancellationToken);
        if (run is null)
        {
            return null;
        }

        var jobs = await JobsQuery(context, run.Id).AsNoTracking().ToListAsync(cancellationToken);
        return new RunDetail(
            DomainMapper.ToDomain(run, key.NativeId),
            [.. jobs.OrderBy(job => job.Ordinal).ThenBy(job => job.Id).Select(DomainMapper.ToDomain)]);
    }

    /// <summary>
    /// A run's jobs with their steps, by the run's id: index seeks on <c>ux_jobs_run_native</c> and
    /// <c>ux_steps_job_number</c>. (Including jobs and steps from a query of the run instead makes EF Core
    /// join the run to a subquery of every job, which SQLite materializes whole.)
    /// </summary>
    internal static IQueryable<JobEntity> JobsQuery(FlowForgeDbContext context, long runId) =>
        context.Jobs.Where(job => job.RunId == runId).Include(job => job.Steps);

    public async Task<JobLog?> FindJobLogAsync(PipelineKey key, string runNativeId, string jobNativeId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var log = await JobLogQuery(context, key, runNativeId, jobNativeId)
            .Select(log => new { log.Text, log.IsComplete })
            .SingleOrDefaultAsync(cancellationToken);
        return log is null ? null : new JobLog(log.Text, log.IsComplete);
    }

    /// <summary>Keeps the log of a stored job; a job that is not stored (any more) keeps nothing.</summary>
    public Task SaveJobLogAsync(PipelineKey key, string runNativeId, string jobNativeId, JobLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        return gate.RunAsync(
            async () =>
            {
                await using var context = await contexts.CreateDbContextAsync(cancellationToken);
                var jobId = await JobIdQuery(context, key, runNativeId, jobNativeId).Select(id => (long?)id).SingleOrDefaultAsync(cancellationToken);
                if (jobId is null)
                {
                    return;
                }

                var entity = await context.JobLogs.SingleOrDefaultAsync(stored => stored.JobId == jobId, cancellationToken);
                if (entity is null)
                {
                    entity = new JobLogEntity { JobId = jobId.Value };
                    context.JobLogs.Add(entity);
                }

                entity.Text = log.Text;
                entity.IsComplete = log.IsComplete;
                entity.FetchedAt = Normalize(time.GetUtcNow());
                await context.SaveChangesAsync(cancellationToken);
            },
            cancellationToken);
    }

    internal static IQueryable<JobLogEntity> JobLogQuery(FlowForgeDbContext context, PipelineKey key, string runNativeId, string jobNativeId) =>
        from log in context.JobLogs.AsNoTracking()
        join job in context.Jobs on log.JobId equals job.Id
        join run in context.Runs on job.RunId equals run.Id
        where run.InstanceId == key.InstanceId && run.NativeId == runNativeId && run.Pipeline!.NativeId == key.NativeId
            && job.NativeId == jobNativeId
        select log;

    internal static IQueryable<long> JobIdQuery(FlowForgeDbContext context, PipelineKey key, string runNativeId, string jobNativeId) =>
        from job in context.Jobs
        join run in context.Runs on job.RunId equals run.Id
        where run.InstanceId == key.InstanceId && run.NativeId == runNativeId && run.Pipeline!.NativeId == key.NativeId
            && job.NativeId == jobNativeId
        select job.Id;
}

/// <summary>A pipeline with its latest run, if it has any.</summary>
internal sealed record SummaryRow(PipelineEntity Pipeline, RunEntity? LatestRun);
