using System.Runtime.CompilerServices;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitLab.Dtos;

namespace FlowForge.Providers.GitLab;

/// <summary>Runs, their jobs and logs: one request per project to list, job reads only for pipelines whose state moved.</summary>
internal sealed partial class GitLabConnection
{
    /// <summary>Job lists read at once while a listing catches up (the first listing after start, a burst of new runs).</summary>
    private const int ConcurrentJobReads = 4;

    /// <summary>
    /// The most job lists one listing reads (as many as the sync engine reads per cycle by default), so the first
    /// listing after a start does not spend a minute's throttle on history: runs beyond it are left out of that
    /// listing, newest kept, and come in the next ones.
    /// </summary>
    public const int MaxJobReadsPerListing = 50;

    public async Task<IReadOnlyList<Run>> ListRecentRunsAsync(IReadOnlyList<Pipeline> pipelines, int perSourceLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        var runs = new List<Run>();
        if (perSourceLimit <= 0)
        {
            return runs;
        }

        var reads = new StrongBox<int>(MaxJobReadsPerListing);
        foreach (var project in pipelines.DistinctBy(pipeline => pipeline.Key.NativeId, StringComparer.Ordinal))
        {
            try
            {
                runs.AddRange(await ListProjectRunsAsync(ParseId(project.Key.NativeId, "project"), perSourceLimit, reads, cancellationToken));
            }
            catch (ProviderException exception) when (exception.Kind == ProviderErrorKind.NotFound)
            {
                LogSourceSkipped(logger, project.Repository, exception.Message);
            }
        }

        return runs;
    }

    public async Task<Run> GetRunAsync(Pipeline pipeline, string runNativeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var projectId = ParseId(pipeline.Key.NativeId, "project");
        var run = await client.GetPipelineAsync(projectId, ParseId(runNativeId, "pipeline"), cancellationToken);
        if (run.ProjectId != projectId)
        {
            throw new ProviderException(ProviderErrorKind.NotFound, $"Pipeline {runNativeId} belongs to project {run.ProjectId}, not to {pipeline.Repository}.");
        }

        // The pipeline itself has the user and its times; only the commit's message and author come from its jobs.
        var known = facts.Latest(projectId, run.Id) ?? await ReadFactsAsync(projectId, run, cancellationToken);
        return mapper.MapRun(InstanceId, run, known);
    }

    public async Task<IReadOnlyList<Job>> ListJobsAsync(Pipeline pipeline, Run run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(run);
        var projectId = ParseId(pipeline.Key.NativeId, "project");
        var pipelineId = ParseId(run.NativeId, "pipeline");
        var stamp = RunStamp.Of(run);
        var jobs = facts.TakeJobs(projectId, pipelineId, stamp);
        if (jobs is null)
        {
            jobs = await client.ListJobsAsync(projectId, pipelineId, cancellationToken);
            facts.Record(projectId, pipelineId, stamp, jobs, offerJobs: false);
        }

        // GitLab lists the newest job first; in creation order, stages read as they ran.
        return [.. jobs.OrderBy(job => job.Id).Select(mapper.MapJob)];
    }

    public async Task<JobLog> GetJobLogAsync(Pipeline pipeline, Run run, Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(job);
        var text = await client.GetTraceAsync(ParseId(pipeline.Key.NativeId, "project"), ParseId(job.NativeId, "job"), cancellationToken);
        return new JobLog(text, job.Status.IsFinished());
    }

    /// <summary>
    /// One project's newest runs: one request, plus one job read for each pipeline whose state moved since its jobs
    /// were last read (a few at a time, newest first, while <paramref name="reads"/> lasts). A pipeline left without
    /// its facts is left out: listing it without them would blank the commit the store already has.
    /// </summary>
    private async Task<IReadOnlyList<Run>> ListProjectRunsAsync(long projectId, int limit, StrongBox<int> reads, CancellationToken cancellationToken)
    {
        var page = (await client.ListPipelinesAsync(projectId, limit, refs.ServerSideRef, cancellationToken))
            .Where(pipeline => refs.Matches(pipeline.Ref))
            .Select(pipeline => (Pipeline: pipeline, Facts: facts.Current(projectId, pipeline)))
            .ToList();
        var toRead = page.Where(entry => entry.Facts is null).Take(Math.Max(0, reads.Value)).Select(entry => entry.Pipeline).ToList();
        reads.Value -= toRead.Count;
        using var gate = new SemaphoreSlim(ConcurrentJobReads);
        var read = await Task.WhenAll(toRead.Select(async pipeline =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return (pipeline.Id, Facts: await ReadFactsAsync(projectId, pipeline, cancellationToken));
            }
            finally
            {
                gate.Release();
            }
        }));
        var fresh = read.ToDictionary(entry => entry.Id, entry => entry.Facts);
        return
        [
            .. page
                .Select(entry => (entry.Pipeline, Facts: entry.Facts ?? fresh.GetValueOrDefault(entry.Pipeline.Id)))
                .Where(entry => entry.Facts is not null)
                .Select(entry => mapper.MapRun(InstanceId, entry.Pipeline, entry.Facts)),
        ];
    }

    /// <summary>Reads a pipeline's jobs for its facts, offering them to the job read that follows.</summary>
    private async Task<RunFacts> ReadFactsAsync(long projectId, PipelineDto pipeline, CancellationToken cancellationToken)
    {
        var jobs = await client.ListJobsAsync(projectId, pipeline.Id, cancellationToken);
        return facts.Record(projectId, pipeline.Id, RunStamp.Of(pipeline), jobs, offerJobs: true);
    }
}
