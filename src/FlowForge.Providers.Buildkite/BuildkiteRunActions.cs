using System.Net;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.Buildkite.Dtos;

namespace FlowForge.Providers.Buildkite;

/// <summary>
/// Trigger, re-run, cancel and unblock. Each action is one request, sent once; when Buildkite refuses
/// because of the build's or job's state (cancelling a finished build, retrying a job that did not fail) the refusal
/// is a <see cref="ProviderErrorKind.NotSupported"/> carrying Buildkite's message. Every build an action answers with
/// is remembered, jobs included, so reading it back right after costs nothing more.
/// </summary>
internal sealed class BuildkiteRunActions(BuildkiteApiClient client, BuildkiteBuildListing listing) : IRunActions
{
    /// <summary>All: a rebuild (a new build); FailedJobs: retry failed jobs; Job: retry one job (both in the same build).</summary>
    public IReadOnlyList<RerunScope> RerunScopes { get; } = [RerunScope.All, RerunScope.FailedJobs, RerunScope.Job];

    /// <summary><c>POST …/builds</c> on the ref as branch, with exactly the given values (<see cref="BuildkiteParameterSource.ToCreateBuild"/>).</summary>
    public async Task<TriggerResult> TriggerAsync(Pipeline pipeline, TriggerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Ref);
        var slug = pipeline.Key.NativeId;
        var (build, status) = await client.CreateBuildAsync(slug, BuildkiteParameterSource.ToCreateBuild(request), cancellationToken);
        var run = listing.Remember(slug, build);
        return new TriggerResult(run.NativeId, run.WebUrl, status);
    }

    /// <summary>
    /// All: <c>PUT …/rebuild</c>, answered with the new build, whose id the result carries. FailedJobs:
    /// <c>PUT …/retry_failed_jobs</c> (every retryable failed job). Job: <c>PUT …/jobs/{id}/retry</c>.
    /// </summary>
    public async Task<ActionResult> RerunAsync(Pipeline pipeline, Run run, RerunScope scope, string? jobNativeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (slug, number) = BuildkiteBuildListing.Address(pipeline, run.NativeId);
        switch (scope)
        {
            case RerunScope.All:
            case RerunScope.FailedJobs:
                var (build, status) = await client.PutBuildActionAsync(
                    slug, number, scope == RerunScope.All ? "rebuild" : "retry_failed_jobs", IsRefusal, cancellationToken);
                return new ActionResult(status, listing.Remember(slug, build).NativeId);
            case RerunScope.Job:
                if (string.IsNullOrWhiteSpace(jobNativeId))
                {
                    throw new ArgumentException("Re-running one job needs the job's id.", nameof(jobNativeId));
                }

                var (_, jobStatus) = await client.PutJobActionAsync(slug, number, jobNativeId, "retry", null, IsRefusal, cancellationToken);
                return new ActionResult(jobStatus, run.NativeId);
            default:
                throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown re-run scope.");
        }
    }

    /// <summary>
    /// <c>PUT …/cancel</c>, which Buildkite accepts while a build is scheduled, running or failing and refuses with 422
    /// otherwise. Buildkite has no force-cancel: a build stuck cancelling is cancelled the same way.
    /// </summary>
    /// <param name="force">Ignored: Buildkite cancels one way only.</param>
    public async Task<ActionResult> CancelAsync(Pipeline pipeline, Run run, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (slug, number) = BuildkiteBuildListing.Address(pipeline, run.NativeId);
        var (build, status) = await client.PutBuildActionAsync(slug, number, "cancel", static (code, _) => code == HttpStatusCode.UnprocessableEntity, cancellationToken);
        return new ActionResult(status, listing.Remember(slug, build).NativeId);
    }

    /// <summary>
    /// <c>PUT …/jobs/{id}/unblock</c> with the block step's field values: the build goes on past the block step
    /// (<see cref="IJobUnblocker"/>).
    /// </summary>
    public async Task<ActionResult> UnblockAsync(
        Pipeline pipeline, Run run, string jobNativeId, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobNativeId);
        ArgumentNullException.ThrowIfNull(fields);
        var (slug, number) = BuildkiteBuildListing.Address(pipeline, run.NativeId);
        var (_, status) = await client.PutJobActionAsync(slug, number, jobNativeId, "unblock", new UnblockDto(fields), IsRefusal, cancellationToken);
        return new ActionResult(status, run.NativeId);
    }

    /// <summary>Buildkite's answers for "not in this state": 400 ("Only failed, timed out or canceled jobs can be retried", "This job type cannot be unblocked") and 422.</summary>
    private static bool IsRefusal(HttpStatusCode status, string? message) =>
        status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity;
}
