using FlowForge.Abstractions.Domain;

namespace FlowForge.Abstractions.Providers;

/// <summary>Discovers what a pipeline can be triggered with, at a given ref.</summary>
public interface IParameterSource
{
    /// <param name="gitRef">A branch, tag or sha; null for the pipeline's default branch.</param>
    /// <exception cref="ProviderException"><see cref="ProviderErrorKind.NotFound"/> when the ref or the pipeline's file does not exist.</exception>
    Task<PipelineParameters> GetParametersAsync(Pipeline pipeline, string? gitRef, CancellationToken cancellationToken);
}

/// <summary>What a pipeline accepts when triggered at one ref.</summary>
/// <param name="Ref">The ref the parameters were read at (the default branch when none was asked for).</param>
/// <param name="CanTrigger">False when the pipeline cannot be started by hand at this ref (GitHub: no <c>workflow_dispatch</c>).</param>
/// <param name="CannotTriggerReason">Why not, for users.</param>
/// <param name="Revision">Identifies the definition the parameters came from (GitHub: the workflow file's blob sha), for caching.</param>
public sealed record PipelineParameters(
    string Ref,
    bool CanTrigger,
    string? CannotTriggerReason,
    IReadOnlyList<TriggerParameter> Parameters,
    string? Revision);

/// <summary>Starts a pipeline.</summary>
public interface IRunTrigger
{
    /// <summary>
    /// Starts the pipeline at <see cref="TriggerRequest.Ref"/> with exactly the given parameter values, already
    /// validated against <see cref="IParameterSource"/>'s answer by the caller.
    /// </summary>
    Task<TriggerResult> TriggerAsync(Pipeline pipeline, TriggerRequest request, CancellationToken cancellationToken);
}

public sealed record TriggerRequest(string Ref, IReadOnlyDictionary<string, string> Parameters);

/// <param name="RunNativeId">The new run's id once the provider told it (or it was correlated); null when not known yet.</param>
/// <param name="UpstreamStatusCode">What the provider answered the trigger with, for the audit log.</param>
public sealed record TriggerResult(string? RunNativeId, Uri? WebUrl, int UpstreamStatusCode);

public enum RerunScope
{
    /// <summary>The whole run again (a new attempt where the provider has attempts).</summary>
    All,
    /// <summary>Only the jobs that failed (and what depends on them).</summary>
    FailedJobs,
    /// <summary>One job (and what depends on it).</summary>
    Job,
}

/// <summary>Re-runs a run natively (a new attempt of the same run where the provider has attempts).</summary>
public interface IRunRerunner
{
    /// <summary>The scopes this provider can re-run, for the API and UI to offer only those.</summary>
    IReadOnlyList<RerunScope> RerunScopes { get; }

    /// <exception cref="ProviderException">
    /// <see cref="ProviderErrorKind.NotSupported"/> when the run's state does not allow it (still running, nothing failed).
    /// </exception>
    Task<ActionResult> RerunAsync(Pipeline pipeline, Run run, RerunScope scope, string? jobNativeId, CancellationToken cancellationToken);
}

/// <summary>Cancels a run.</summary>
public interface IRunCanceller
{
    /// <param name="force">Force-cancel a run stuck in cancelling, where the provider can.</param>
    /// <exception cref="ProviderException"><see cref="ProviderErrorKind.NotSupported"/> when the run already finished.</exception>
    Task<ActionResult> CancelAsync(Pipeline pipeline, Run run, bool force, CancellationToken cancellationToken);
}

/// <summary>What an action did upstream.</summary>
/// <param name="RunNativeId">The run the action affects (a provider may start a new run for a re-run).</param>
public sealed record ActionResult(int UpstreamStatusCode, string RunNativeId);

/// <summary>What a provider does to runs: start, re-run and cancel them (see <see cref="RunControlConnection"/>).</summary>
public interface IRunActions : IRunTrigger, IRunRerunner, IRunCanceller
{
}
