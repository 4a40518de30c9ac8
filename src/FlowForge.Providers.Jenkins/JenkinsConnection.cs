using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.Jenkins.Dtos;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.Jenkins;

/// <summary>
/// A connection to one Jenkins controller: orchestrates <see cref="JenkinsApiClient"/> calls and <see cref="JenkinsMapper"/>
/// mapping; parameters, actions and console logs are delegated to <see cref="JenkinsParameterSource"/>,
/// <see cref="JenkinsRunActions"/> and <see cref="JenkinsConsoleLogs"/>. Every job is its own source and polling unit.
/// Safe for concurrent use: its only state is what discovery last found and caches of finished stages and log tails.
/// </summary>
internal sealed partial class JenkinsConnection(
    string instanceId,
    JenkinsApiClient client,
    JenkinsMapper mapper,
    IReadOnlyList<string> folders,
    JenkinsParameterSource parameters,
    JenkinsRunActions actions,
    JenkinsConsoleLogs logs,
    TimeProvider time,
    ILogger logger)
    : RunControlConnection(instanceId, parameters, actions),
        ICredentialValidator, ISourceDiscovery, IPipelineSource, IRunSource, IJobLogSource
{
    internal JenkinsApiClient Client => client;

    /// <summary><c>GET /whoAmI/api/json</c>: who the token belongs to and the authorities Jenkins grants it.</summary>
    public async Task<CredentialCheck> ValidateCredentialsAsync(CancellationToken cancellationToken)
    {
        var me = await client.GetJsonAsync("whoAmI/", JenkinsTree.WhoAmI, JenkinsJsonContext.Default.WhoAmIDto, cancellationToken);
        if (me.Anonymous)
        {
            throw new ProviderException(
                ProviderErrorKind.AuthenticationFailed, "Jenkins treated the request as anonymous; check the user name and API token.");
        }

        return new CredentialCheck(me.Name, me.Authorities ?? []);
    }

    public async Task<IReadOnlyList<Run>> ListRecentRunsAsync(IReadOnlyList<Pipeline> pipelines, int perSourceLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        if (perSourceLimit <= 0)
        {
            return [];
        }

        var count = Math.Min(perSourceLimit, JenkinsTree.MaxBuilds);
        var runs = new List<Run>();

        // One job after the other, one request each: the newest builds and the queue item in a single tree query.
        foreach (var pipeline in pipelines.GroupBy(pipeline => pipeline.Repository, StringComparer.Ordinal).Select(group => group.First()))
        {
            try
            {
                var job = await client.GetJsonAsync(JenkinsPaths.JobPath(pipeline.Repository), JenkinsTree.Runs(count), JenkinsJsonContext.Default.JobRunsDto, cancellationToken);
                var queued = job.QueueItem is { } item ? JenkinsMapper.MapQueued(pipeline, job.NextBuildNumber, item) : null;
                if (queued is not null)
                {
                    runs.Add(queued);
                }

                runs.AddRange((job.Builds ?? []).Take(queued is null ? count : count - 1).Select(build => mapper.MapBuild(pipeline, build)));
            }
            catch (ProviderException exception) when (exception.Kind == ProviderErrorKind.NotFound)
            {
                // A deleted or no longer visible job has no runs; it must not fail every other one.
                LogJobSkipped(logger, pipeline.Repository, exception.Message);
            }
        }

        return runs;
    }

    /// <summary>
    /// The build, or, while it has not started, the request waiting for it in the queue; a request that left the queue
    /// without becoming the build is reported as cancelled, so it does not stay queued forever.
    /// </summary>
    public async Task<Run> GetRunAsync(Pipeline pipeline, string runNativeId, CancellationToken cancellationToken)
    {
        var number = NumberOf(pipeline, runNativeId);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return mapper.MapBuild(pipeline, await client.GetJsonAsync(
                    JenkinsPaths.BuildPath(pipeline.Repository, number), JenkinsTree.Build, JenkinsJsonContext.Default.BuildDto, cancellationToken));
            }
            catch (ProviderException exception) when (exception.Kind == ProviderErrorKind.NotFound && attempt == 0)
            {
                var job = await client.GetJsonAsync(JenkinsPaths.JobPath(pipeline.Repository), JenkinsTree.Queue, JenkinsJsonContext.Default.JobRunsDto, cancellationToken);
                if (number == job.NextBuildNumber)
                {
                    return job.QueueItem is { } item ? JenkinsMapper.MapQueued(pipeline, number, item) : JenkinsMapper.MapWithdrawn(pipeline, number, time.GetUtcNow());
                }

                if (number > job.NextBuildNumber)
                {
                    throw;
                }

                // The build was numbered meanwhile (it left the queue between the two reads): read it once more.
            }
        }
    }

    public async Task<IReadOnlyList<Job>> ListJobsAsync(Pipeline pipeline, Run run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var number = NumberOf(pipeline, run.NativeId);
        if (run.StartedAt is null)
        {
            // Queued, or withdrawn from the queue: there is no build yet.
            return [];
        }

        if (pipeline.Extras.TryGetValue(JenkinsMapper.ClassExtra, out var jobClass) && jobClass != JenkinsJob.WorkflowJobClass)
        {
            return [JenkinsMapper.WholeBuild(run)];
        }

        return await ListStagesAsync(pipeline, run, number, cancellationToken) is { Count: > 0 } stages ? stages : [JenkinsMapper.WholeBuild(run)];
    }

    /// <summary>The build's console (all stages share it), read progressively: a running build's next read fetches only what is new.</summary>
    public Task<JobLog> GetJobLogAsync(Pipeline pipeline, Run run, Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var number = NumberOf(pipeline, run.NativeId);
        return run.StartedAt is null
            ? Task.FromResult(new JobLog("", IsComplete: run.Status.IsFinished()))
            : logs.GetAsync(pipeline.Repository, number, cancellationToken);
    }

    /// <summary>The build number of a run of this pipeline.</summary>
    internal static long NumberOf(Pipeline pipeline, string runNativeId)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var (jobId, number) = JenkinsPaths.ParseRunId(runNativeId);
        return jobId == pipeline.Key.NativeId
            ? number
            : throw new ProviderException(ProviderErrorKind.NotFound, $"Run {runNativeId} belongs to another job than '{pipeline.Name}' ({pipeline.Key}).");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped Jenkins job {Job}: {Reason}")]
    private static partial void LogJobSkipped(ILogger logger, string job, string reason);
}
