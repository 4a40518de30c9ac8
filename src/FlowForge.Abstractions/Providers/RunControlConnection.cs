using FlowForge.Abstractions.Domain;

namespace FlowForge.Abstractions.Providers;

/// <summary>
/// A connection whose provider describes trigger parameters and starts, re-runs and cancels runs, each the job of a
/// piece of its own (<c>&lt;Name&gt;ParameterSource</c>, <c>&lt;Name&gt;RunActions</c>) that the connection hands
/// those calls to. A provider that cannot do all of that implements the capability interfaces it can instead.
/// </summary>
public abstract class RunControlConnection(string instanceId, IParameterSource parameters, IRunActions actions)
    : IProviderConnection, IParameterSource, IRunTrigger, IRunRerunner, IRunCanceller
{
    public string InstanceId { get; } = instanceId;

    public IReadOnlyList<RerunScope> RerunScopes => actions.RerunScopes;

    public Task<PipelineParameters> GetParametersAsync(Pipeline pipeline, string? gitRef, CancellationToken cancellationToken) =>
        parameters.GetParametersAsync(pipeline, gitRef, cancellationToken);

    public Task<TriggerResult> TriggerAsync(Pipeline pipeline, TriggerRequest request, CancellationToken cancellationToken) =>
        actions.TriggerAsync(pipeline, request, cancellationToken);

    public Task<ActionResult> RerunAsync(Pipeline pipeline, Run run, RerunScope scope, string? jobNativeId, CancellationToken cancellationToken) =>
        actions.RerunAsync(pipeline, run, scope, jobNativeId, cancellationToken);

    public Task<ActionResult> CancelAsync(Pipeline pipeline, Run run, bool force, CancellationToken cancellationToken) =>
        actions.CancelAsync(pipeline, run, force, cancellationToken);
}
