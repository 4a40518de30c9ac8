using System.Collections.Concurrent;
using FlowForge.Abstractions.Domain;
using FlowForge.Core.Persistence;

namespace FlowForge.Web.Tests.Fakes;

/// <summary>Pipelines, runs, jobs and logs in memory: the read side the pages use and the write side actions use.</summary>
internal sealed class InMemoryStore : IPipelineReader, ISyncStore
{
    private readonly ConcurrentDictionary<PipelineKey, Pipeline> _pipelines = new();
    private readonly ConcurrentDictionary<(string Instance, string Run), Run> _runs = new();
    private readonly ConcurrentDictionary<(string Instance, string Run), IReadOnlyList<Job>> _jobs = new();
    private readonly ConcurrentDictionary<(PipelineKey, string, string), JobLog> _logs = new();

    public List<RunQuery> Queries { get; } = [];

    public void Add(Pipeline pipeline) => _pipelines[pipeline.Key] = pipeline;

    public void Add(Run run, params Job[] jobs)
    {
        _runs[(run.Pipeline.InstanceId, run.NativeId)] = run;
        _jobs[(run.Pipeline.InstanceId, run.NativeId)] = jobs;
    }

    public Task<IReadOnlyList<PipelineSummary>> ListPipelineSummariesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PipelineSummary>>([.. _pipelines.Values.Select(pipeline => new PipelineSummary(pipeline, null))]);

    public Task<Pipeline?> FindPipelineAsync(PipelineKey key, CancellationToken cancellationToken) => Task.FromResult(_pipelines.GetValueOrDefault(key));

    /// <summary>Filters like the store does; the cursor is the index to go on from.</summary>
    public Task<RunPage> ListRunsAsync(PipelineKey key, RunQuery query, CancellationToken cancellationToken)
    {
        Queries.Add(query);
        var matching = _runs.Values
            .Where(run => run.Pipeline == key)
            .Where(run => query.Status is null || run.Status == query.Status)
            .Where(run => query.Branch is null || run.Branch == query.Branch)
            .Where(run => query.Actor is null || string.Equals(run.Actor, query.Actor, StringComparison.OrdinalIgnoreCase))
            .Where(run => query.Since is null || run.CreatedAt >= query.Since)
            .Where(run => query.Until is null || run.CreatedAt < query.Until)
            .OrderByDescending(run => run.CreatedAt)
            .ToList();
        var start = query.Cursor is null ? 0 : int.Parse(query.Cursor, System.Globalization.CultureInfo.InvariantCulture);
        var page = matching.Skip(start).Take(query.Limit).ToList();
        var next = start + page.Count < matching.Count ? (start + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new RunPage(page, next));
    }

    public Task<RunDetail?> FindRunAsync(PipelineKey key, string runNativeId, CancellationToken cancellationToken) =>
        Task.FromResult(_runs.TryGetValue((key.InstanceId, runNativeId), out var run) && run.Pipeline == key
            ? new RunDetail(run, _jobs.GetValueOrDefault((key.InstanceId, runNativeId)) ?? [])
            : null);

    public Task<JobLog?> FindJobLogAsync(PipelineKey key, string runNativeId, string jobNativeId, CancellationToken cancellationToken) =>
        Task.FromResult(_logs.GetValueOrDefault((key, runNativeId, jobNativeId)));

    public Task SaveJobLogAsync(PipelineKey key, string runNativeId, string jobNativeId, JobLog log, CancellationToken cancellationToken)
    {
        _logs[(key, runNativeId, jobNativeId)] = log;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Pipeline>> ListPipelinesAsync(string instanceId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Pipeline>>([.. _pipelines.Values.Where(pipeline => pipeline.Key.InstanceId == instanceId)]);

    public Task<PipelineChanges> ReplacePipelinesAsync(string instanceId, IReadOnlyList<Pipeline> pipelines, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<RunChanges> UpsertRunsAsync(string instanceId, IReadOnlyList<Run> runs, CancellationToken cancellationToken)
    {
        var changes = new List<RunChange>();
        foreach (var run in runs)
        {
            var previous = _runs.GetValueOrDefault((instanceId, run.NativeId));
            _runs[(instanceId, run.NativeId)] = run;
            changes.Add(new RunChange(run, previous?.Status));
        }

        return Task.FromResult(new RunChanges(changes));
    }

    public Task<IReadOnlyList<Run>> ListActiveRunsAsync(string instanceId, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<Run>> ListRunsNeedingJobsAsync(string instanceId, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<bool> ReplaceJobsAsync(PipelineKey pipeline, string runNativeId, IReadOnlyList<Job> jobs, CancellationToken cancellationToken)
    {
        _jobs[(pipeline.InstanceId, runNativeId)] = jobs;
        return Task.FromResult(true);
    }

    public Task<Run?> UpsertJobAsync(string instanceId, string runNativeId, Job job, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
