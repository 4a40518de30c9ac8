using System.Net;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.Jenkins.Dtos;

namespace FlowForge.Providers.Jenkins;

/// <summary>
/// Trigger, rebuild and stop. Each is one POST, sent once (again only when Jenkins wanted a CSRF crumb first). Jenkins has
/// no native re-run: a rebuild starts the job again with the parameters the build ran with. Stopping a finished build is
/// silently ignored by Jenkins, so the build's state is read first and a finished one is refused here.
/// </summary>
internal sealed class JenkinsRunActions(JenkinsApiClient client, JenkinsQueueFollower queue, JenkinsParameterSource parameters) : IRunActions
{
    public const string AlreadyFinished = "The build already finished, so it cannot be stopped.";

    public const string NoLongerQueued = "The build left the queue without starting, so there is nothing to cancel.";

    public IReadOnlyList<RerunScope> RerunScopes { get; } = [RerunScope.All];

    /// <summary>
    /// <c>POST {job}buildWithParameters</c> (the values as form fields) or <c>{job}build</c>, without the quiet period; then
    /// the queue item is followed to the build it becomes.
    /// </summary>
    public async Task<TriggerResult> TriggerAsync(Pipeline pipeline, TriggerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Parameters);
        var parameterized = request.Parameters.Count > 0 || await parameters.IsParameterizedAsync(pipeline, cancellationToken);
        var (status, runId, url) = await StartAsync(pipeline, request.Parameters, parameterized, cancellationToken);
        return new TriggerResult(runId, url, (int)status);
    }

    /// <summary>
    /// Starts the job again with the parameters of the build (read fresh from it). A password's value is never exported by
    /// Jenkins, so the rebuild gets the job's default for it.
    /// </summary>
    /// <param name="jobNativeId">Unused: Jenkins rebuilds whole builds only.</param>
    public async Task<ActionResult> RerunAsync(Pipeline pipeline, Run run, RerunScope scope, string? jobNativeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (scope != RerunScope.All)
        {
            throw new ProviderException(ProviderErrorKind.NotSupported, "Jenkins rebuilds whole builds only.");
        }

        var number = JenkinsConnection.NumberOf(pipeline, run.NativeId);
        var build = await client.GetJsonAsync(
            JenkinsPaths.BuildPath(pipeline.Repository, number), JenkinsTree.BuildParameters, JenkinsJsonContext.Default.BuildStateDto, cancellationToken);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in (build.Actions ?? []).OfType<ActionDto>().SelectMany(action => action.Parameters?.OfType<ParameterValueDto>() ?? []))
        {
            if (JenkinsMapper.ParameterText(parameter.Value) is { } text)
            {
                values[parameter.Name] = text;
            }
        }

        var parameterized = values.Count > 0 || await parameters.IsParameterizedAsync(pipeline, cancellationToken);
        var (status, runId, _) = await StartAsync(pipeline, values, parameterized, cancellationToken);

        // Without the new build's number (its queue item vanished), the action still happened: report the run it came from.
        return new ActionResult((int)status, runId ?? run.NativeId);
    }

    /// <summary>
    /// A running build: <c>POST {build}stop</c> (or <c>kill</c>, forcing a Pipeline build stuck in stopping). A build still
    /// waiting in the queue: <c>POST /queue/cancelItem?id=</c>.
    /// </summary>
    public async Task<ActionResult> CancelAsync(Pipeline pipeline, Run run, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var number = JenkinsConnection.NumberOf(pipeline, run.NativeId);
        var buildPath = JenkinsPaths.BuildPath(pipeline.Repository, number);
        BuildStateDto build;
        try
        {
            build = await client.GetJsonAsync(buildPath, JenkinsTree.BuildState, JenkinsJsonContext.Default.BuildStateDto, cancellationToken);
        }
        catch (ProviderException exception) when (exception.Kind == ProviderErrorKind.NotFound)
        {
            return await CancelQueuedAsync(pipeline, run, number, cancellationToken);
        }

        if (!build.Building)
        {
            throw new ProviderException(ProviderErrorKind.NotSupported, AlreadyFinished);
        }

        var kill = force && (!pipeline.Extras.TryGetValue(JenkinsMapper.ClassExtra, out var jobClass) || jobClass == JenkinsJob.WorkflowJobClass);

        // Jenkins redirects to "the previous page": pointing it at the build's state makes following that redirect a small read.
        var result = await client.PostAsync($"{buildPath}{(kill ? "kill" : "stop")}", null, $"{buildPath}api/json?tree=building,result", cancellationToken);
        return new ActionResult((int)result.Status, run.NativeId);
    }

    private async Task<ActionResult> CancelQueuedAsync(Pipeline pipeline, Run run, long number, CancellationToken cancellationToken)
    {
        var jobPath = JenkinsPaths.JobPath(pipeline.Repository);
        var job = await client.GetJsonAsync(jobPath, JenkinsTree.QueueState, JenkinsJsonContext.Default.QueueStateDto, cancellationToken);
        if (job.QueueItem is not { } item || job.NextBuildNumber != number)
        {
            throw new ProviderException(number >= job.NextBuildNumber ? ProviderErrorKind.NotSupported : ProviderErrorKind.NotFound, NoLongerQueued);
        }

        var result = await client.PostAsync($"queue/cancelItem?id={JenkinsPaths.Number(item.Id)}", null, $"{jobPath}api/json?tree=inQueue", cancellationToken);
        return new ActionResult((int)result.Status, run.NativeId);
    }

    private async Task<(HttpStatusCode Status, string? RunId, Uri? Url)> StartAsync(
        Pipeline pipeline, IReadOnlyDictionary<string, string> values, bool parameterized, CancellationToken cancellationToken)
    {
        // delay=0sec skips the quiet period: a build asked for by hand should start now.
        var path = $"{JenkinsPaths.JobPath(pipeline.Repository)}{(parameterized ? "buildWithParameters" : "build")}?delay=0sec";
        var result = await client.PostAsync(path, parameterized ? values : null, null, cancellationToken);
        var (number, url) = await queue.FollowAsync(pipeline, result.Location, cancellationToken);
        return (result.Status, number is { } started ? JenkinsPaths.RunId(pipeline.Key.NativeId, started) : null, url ?? pipeline.WebUrl);
    }
}
