using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Errors;
using FlowForge.Core.Events;
using FlowForge.Core.Persistence;
using FlowForge.Core.Providers;
using FlowForge.Core.Sync;

namespace FlowForge.Core.Operations;

/// <summary>
/// What users do to pipelines and runs: discover parameters, trigger, re-run, cancel. Each action checks what it
/// can locally first (nothing is sent upstream for a request that cannot succeed), then calls the provider, then
/// reads the affected run back so it shows up — in the API and the live stream — without waiting for a poll.
/// </summary>
public sealed class RunOperations(
    IPipelineReader reader,
    IInstanceRepository instances,
    ISyncStore store,
    ProviderConnections connections,
    IEventBus events,
    IActivitySignal activity,
    TimeProvider time)
{
    public async Task<PipelineParameters> GetParametersAsync(PipelineKey key, string? gitRef, CancellationToken cancellationToken)
    {
        var (pipeline, connection) = await ResolveAsync(key, cancellationToken);
        return await Capability<IParameterSource>(connection, "discover trigger parameters").GetParametersAsync(pipeline, gitRef, cancellationToken);
    }

    public async Task<TriggerOutcome> TriggerAsync(PipelineKey key, string? gitRef, IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken)
    {
        var (pipeline, connection) = await ResolveAsync(key, cancellationToken);
        var trigger = Capability<IRunTrigger>(connection, "trigger runs");
        var discovered = await Capability<IParameterSource>(connection, "discover trigger parameters").GetParametersAsync(pipeline, gitRef, cancellationToken);
        if (!discovered.CanTrigger)
        {
            throw new ConflictException(discovered.CannotTriggerReason ?? "This pipeline cannot be triggered.");
        }

        var accepted = TriggerValues.Validate(discovered.Parameters, values);
        var result = await trigger.TriggerAsync(pipeline, new TriggerRequest(discovered.Ref, accepted), cancellationToken);
        var masked = TriggerValues.Masked(discovered.Parameters, accepted);
        Run? run = null;
        if (result.RunNativeId is { } runId && connection is IRunSource runs)
        {
            // The provider does not report the values a run got; FlowForge records what it sent, secrets masked.
            run = await runs.GetRunAsync(pipeline, runId, cancellationToken) with { Parameters = masked };
            await StoreAsync(key.InstanceId, run, cancellationToken);
        }

        activity.PipelineActive(key);
        return new TriggerOutcome(result, run, masked);
    }

    public async Task<ActionOutcome> RerunAsync(PipelineKey key, string runId, RerunScope scope, string? jobId, CancellationToken cancellationToken)
    {
        var (pipeline, connection) = await ResolveAsync(key, cancellationToken);
        var rerunner = Capability<IRunRerunner>(connection, "re-run runs");
        if (!rerunner.RerunScopes.Contains(scope))
        {
            throw new ProviderException(ProviderErrorKind.NotSupported, $"This provider cannot re-run {Describe(scope)}.");
        }

        var detail = await FindRunAsync(key, runId, cancellationToken);
        if (detail.Run.Status.IsActive())
        {
            throw new ConflictException($"Run {detail.Run.Number} is still {Words(detail.Run.Status)}; re-run it once it finished.");
        }

        if (scope == RerunScope.Job && (jobId is null || detail.Jobs.All(job => job.NativeId != jobId)))
        {
            throw new ValidationFailedException("jobId", jobId is null ? "Name the job to re-run." : $"Run {detail.Run.Number} has no job '{jobId}'.");
        }

        if (scope == RerunScope.FailedJobs && detail.Run.Status is not (RunStatus.Failed or RunStatus.Cancelled))
        {
            throw new ConflictException($"Run {detail.Run.Number} has no failed jobs to re-run.");
        }

        var result = await rerunner.RerunAsync(pipeline, detail.Run, scope, jobId, cancellationToken);
        return await RefreshAsync(key, pipeline, connection, result, cancellationToken);
    }

    public async Task<ActionOutcome> CancelAsync(PipelineKey key, string runId, bool force, CancellationToken cancellationToken)
    {
        var (pipeline, connection) = await ResolveAsync(key, cancellationToken);
        var canceller = Capability<IRunCanceller>(connection, "cancel runs");
        var detail = await FindRunAsync(key, runId, cancellationToken);
        if (detail.Run.Status.IsFinished())
        {
            throw new ConflictException($"Run {detail.Run.Number} already finished ({Words(detail.Run.Status)}), so it cannot be cancelled.");
        }

        var result = await canceller.CancelAsync(pipeline, detail.Run, force, cancellationToken);
        return await RefreshAsync(key, pipeline, connection, result, cancellationToken);
    }

    /// <summary>Lets a waiting job go on (plays a manual job, unblocks a block step); refused unless the job waits.</summary>
    public async Task<ActionOutcome> UnblockJobAsync(
        PipelineKey key, string runId, string jobId, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var (pipeline, connection) = await ResolveAsync(key, cancellationToken);
        var unblocker = Capability<IJobUnblocker>(connection, "let waiting jobs go on");
        var detail = await FindRunAsync(key, runId, cancellationToken);
        var job = detail.Jobs.FirstOrDefault(candidate => string.Equals(candidate.NativeId, jobId, StringComparison.Ordinal))
            ?? throw new NotFoundException($"No job '{jobId}' in run {detail.Run.Number}.");
        if (job.Status != RunStatus.Waiting)
        {
            throw new ConflictException($"Job '{job.Name}' is {Words(job.Status)}, not waiting for anyone, so there is nothing to unblock.");
        }

        var result = await unblocker.UnblockJobAsync(pipeline, detail.Run, job, fields, cancellationToken);
        return await RefreshAsync(key, pipeline, connection, result, cancellationToken);
    }

    private async Task<ActionOutcome> RefreshAsync(PipelineKey key, Pipeline pipeline, IProviderConnection connection, ActionResult result, CancellationToken cancellationToken)
    {
        Run? run = null;
        if (connection is IRunSource runs)
        {
            run = await runs.GetRunAsync(pipeline, result.RunNativeId, cancellationToken);
            await StoreAsync(key.InstanceId, run, cancellationToken);
        }

        activity.PipelineActive(key);
        return new ActionOutcome(result, run);
    }

    private async Task StoreAsync(string instanceId, Run run, CancellationToken cancellationToken)
    {
        var changes = await store.UpsertRunsAsync(instanceId, [run], cancellationToken);
        var changed = ChangeEvents.From(instanceId, changes, time.GetUtcNow()).ToList();
        if (changed.Count > 0)
        {
            await events.PublishAsync(changed, cancellationToken);
        }
    }

    private async Task<(Pipeline Pipeline, IProviderConnection Connection)> ResolveAsync(PipelineKey key, CancellationToken cancellationToken)
    {
        var pipeline = await reader.FindPipelineAsync(key, cancellationToken) ?? throw new NotFoundException($"No pipeline '{key}'.");
        var instance = await instances.FindAsync(key.InstanceId, cancellationToken) ?? throw new NotFoundException($"No instance '{key.InstanceId}'.");
        return (pipeline, await connections.GetAsync(instance, cancellationToken));
    }

    private async Task<RunDetail> FindRunAsync(PipelineKey key, string runId, CancellationToken cancellationToken) =>
        await reader.FindRunAsync(key, runId, cancellationToken) ?? throw new NotFoundException($"No run '{runId}' in pipeline '{key}'.");

    private static T Capability<T>(IProviderConnection connection, string what)
        where T : class =>
        connection as T ?? throw new ProviderException(ProviderErrorKind.NotSupported, $"This provider cannot {what}.");

    private static string Describe(RerunScope scope) => scope switch
    {
        RerunScope.All => "whole runs",
        RerunScope.FailedJobs => "only the failed jobs",
        _ => "single jobs",
    };

    private static string Words(RunStatus status) => status switch
    {
        RunStatus.Canceling => "being cancelled",
        RunStatus.SucceededWithWarnings => "succeeded with warnings",
        _ => status.ToString().ToLowerInvariant(),
    };
}

/// <param name="Run">The new run as read back right after the trigger; null when the provider did not tell its id yet.</param>
/// <param name="MaskedParameters">The values sent, as they may be written down (secret values masked).</param>
public sealed record TriggerOutcome(TriggerResult Result, Run? Run, IReadOnlyDictionary<string, string> MaskedParameters);

/// <param name="Run">The affected run as read back right after the action.</param>
public sealed record ActionOutcome(ActionResult Result, Run? Run);
