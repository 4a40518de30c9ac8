using System.Globalization;
using System.Net;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitHub.Dtos;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.GitHub;

/// <summary>
/// Trigger, re-run and cancel. Each is one POST, sent once; when GitHub refuses because of the run's or workflow's
/// state (a dispatch's 422, a re-run of a running run, cancelling a finished one) the refusal is a
/// <see cref="ProviderErrorKind.NotSupported"/> carrying GitHub's message.
/// </summary>
internal sealed partial class GitHubRunActions(GitHubApiClient client, TimeProvider time, ILogger logger) : IRunActions
{
    /// <summary>How often the runs list is read to find a dispatched run when GitHub did not name it (204).</summary>
    public const int CorrelationAttempts = 5;

    public const string AlreadyFinished = "The run already finished, so it cannot be cancelled.";

    /// <summary>GitHub's 403 messages that mean a missing permission rather than a run in the wrong state.</summary>
    private static readonly string[] PermissionPhrases = ["not accessible", "admin rights", "permission"];

    private string? _login;

    /// <summary>The wait between two looks at the runs list.</summary>
    public static TimeSpan CorrelationInterval { get; } = TimeSpan.FromSeconds(1);

    /// <summary>How much earlier than FlowForge's clock GitHub's may stamp the dispatched run.</summary>
    public static TimeSpan ClockSkew { get; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<RerunScope> RerunScopes { get; } = [RerunScope.All, RerunScope.FailedJobs, RerunScope.Job];

    /// <summary>
    /// Dispatches with <c>return_run_details</c>; a server that answers 204 instead gets its newest
    /// <c>workflow_dispatch</c> runs on the ref read a few times (<see cref="CorrelationAttempts"/>,
    /// <see cref="CorrelationInterval"/> apart) for one created since the dispatch by the token's user.
    /// </summary>
    public async Task<TriggerResult> TriggerAsync(Pipeline pipeline, TriggerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Ref);
        ArgumentNullException.ThrowIfNull(request.Parameters);
        var workflowId = GitHubConnection.ParseId(pipeline.Key.NativeId, "workflow");
        var dispatchedAt = time.GetUtcNow();
        var (status, run) = await client.DispatchWorkflowAsync(pipeline.Repository, workflowId, request.Ref, request.Parameters, cancellationToken);
        if (run is not null)
        {
            return new TriggerResult(Id(run.WorkflowRunId), GitHubMapper.ToUri(run.HtmlUrl), (int)status);
        }

        var found = await FindDispatchedRunAsync(pipeline, workflowId, request.Ref, dispatchedAt, cancellationToken);
        return new TriggerResult(found is null ? null : Id(found.Id), GitHubMapper.ToUri(found?.HtmlUrl), (int)status);
    }

    /// <summary>All: <c>…/runs/{id}/rerun</c>; FailedJobs: <c>…/runs/{id}/rerun-failed-jobs</c>; Job: <c>…/jobs/{id}/rerun</c>. A new attempt of the same run.</summary>
    public async Task<ActionResult> RerunAsync(Pipeline pipeline, Run run, RerunScope scope, string? jobNativeId, CancellationToken cancellationToken)
    {
        var runId = RunId(pipeline, run);
        var path = scope switch
        {
            RerunScope.All => $"actions/runs/{runId}/rerun",
            RerunScope.FailedJobs => $"actions/runs/{runId}/rerun-failed-jobs",
            RerunScope.Job => $"actions/jobs/{Id(JobId(jobNativeId))}/rerun",
            _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown re-run scope."),
        };
        var status = await client.PostActionAsync(pipeline.Repository, path, IsRerunRefusal, cancellationToken);
        return new ActionResult((int)status, run.NativeId);
    }

    /// <summary><c>…/runs/{id}/cancel</c>, or <c>…/force-cancel</c> for a run stuck in cancelling; 409 once it finished.</summary>
    public async Task<ActionResult> CancelAsync(Pipeline pipeline, Run run, bool force, CancellationToken cancellationToken)
    {
        var runId = RunId(pipeline, run);
        try
        {
            var status = await client.PostActionAsync(
                pipeline.Repository,
                $"actions/runs/{runId}/{(force ? "force-cancel" : "cancel")}",
                static (status, _) => status == HttpStatusCode.Conflict,
                cancellationToken);
            return new ActionResult((int)status, run.NativeId);
        }
        catch (ProviderException exception) when (exception is { Kind: ProviderErrorKind.NotSupported, UpstreamStatusCode: StatusCodes.Status409Conflict })
        {
            throw new ProviderException(ProviderErrorKind.NotSupported, AlreadyFinished, exception) { UpstreamStatusCode = StatusCodes.Status409Conflict };
        }
    }

    /// <summary>
    /// The newest run that the dispatch started, or null when none showed up in time. Never throws but for
    /// cancellation: the dispatch itself succeeded, and failing now would invite the caller to dispatch again.
    /// </summary>
    private async Task<WorkflowRunDto?> FindDispatchedRunAsync(
        Pipeline pipeline, long workflowId, string gitRef, DateTimeOffset dispatchedAt, CancellationToken cancellationToken)
    {
        try
        {
            var login = await GetLoginAsync(cancellationToken);
            var branch = ShortRef(gitRef);
            var since = dispatchedAt - ClockSkew;
            for (var attempt = 0; attempt < CorrelationAttempts; attempt++)
            {
                if (attempt > 0)
                {
                    await Task.Delay(CorrelationInterval, time, cancellationToken);
                }

                var runs = await client.ListDispatchedRunsAsync(pipeline.Repository, workflowId, branch, cancellationToken);
                var match = runs
                    .Where(run => string.Equals(run.Event, "workflow_dispatch", StringComparison.Ordinal)
                        && run.CreatedAt >= since
                        && (login is null || IsActor(run, login)))
                    .OrderByDescending(run => run.CreatedAt)
                    .ThenByDescending(run => run.Id)
                    .FirstOrDefault();
                if (match is not null)
                {
                    return match;
                }
            }

            LogDispatchedRunNotFound(logger, pipeline.Key.ToString(), gitRef, CorrelationAttempts);
        }
        catch (ProviderException exception)
        {
            LogDispatchedRunLookupFailed(logger, pipeline.Key.ToString(), exception.Message);
        }

        return null;
    }

    /// <summary>The token's login, asked once per connection; null when the token may not read it (an app installation).</summary>
    private async Task<string?> GetLoginAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _login) is { } known)
        {
            return known;
        }

        try
        {
            var (user, _) = await client.GetAuthenticatedUserAsync(cancellationToken);
            Volatile.Write(ref _login, user.Login);
            return user.Login;
        }
        catch (ProviderException exception) when (exception.Kind is ProviderErrorKind.PermissionDenied or ProviderErrorKind.NotFound)
        {
            return null;
        }
    }

    private static bool IsActor(WorkflowRunDto run, string login) =>
        string.Equals(run.Actor?.Login, login, StringComparison.OrdinalIgnoreCase)
        || string.Equals(run.TriggeringActor?.Login, login, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Re-runs GitHub refuses because of the run's state: 409 and 422, and 403 ("This workflow is already running")
    /// unless its message is about a missing permission.
    /// </summary>
    private static bool IsRerunRefusal(HttpStatusCode status, string? message) => status switch
    {
        HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity => true,
        HttpStatusCode.Forbidden => message is not null && !PermissionPhrases.Any(phrase => message.Contains(phrase, StringComparison.OrdinalIgnoreCase)),
        _ => false,
    };

    private static long RunId(Pipeline pipeline, Run run)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(run);
        if (run.Pipeline != pipeline.Key)
        {
            throw new ProviderException(ProviderErrorKind.NotFound, $"Run {run.NativeId} belongs to {run.Pipeline}, not to '{pipeline.Name}' ({pipeline.Key}).");
        }

        return GitHubConnection.ParseId(run.NativeId, "run");
    }

    private static long JobId(string? jobNativeId) =>
        string.IsNullOrWhiteSpace(jobNativeId)
            ? throw new ArgumentException("Re-running one job needs the job's id.", nameof(jobNativeId))
            : GitHubConnection.ParseId(jobNativeId, "job");

    /// <summary>The branch or tag name runs report as <c>head_branch</c>: <c>refs/heads/main</c> → <c>main</c>.</summary>
    private static string ShortRef(string gitRef)
    {
        foreach (var prefix in (string[])["refs/heads/", "refs/tags/"])
        {
            if (gitRef.StartsWith(prefix, StringComparison.Ordinal))
            {
                return gitRef[prefix.Length..];
            }
        }

        return gitRef;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatched {Pipeline} at {Ref}, but its run did not show up in {Attempts} looks; the run id stays unknown.")]
    private static partial void LogDispatchedRunNotFound(ILogger logger, string pipeline, string @ref, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatched {Pipeline}, but looking for its run failed: {Reason}")]
    private static partial void LogDispatchedRunLookupFailed(ILogger logger, string pipeline, string reason);
}
