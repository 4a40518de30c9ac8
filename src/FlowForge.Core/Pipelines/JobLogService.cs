using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Errors;
using FlowForge.Core.Persistence;
using FlowForge.Core.Providers;

namespace FlowForge.Core.Pipelines;

/// <summary>
/// Serves job logs: a finished job's log comes from the store after the first read; a running job's log
/// is the one read that goes to the provider each time, because only the provider has its tail.
/// </summary>
public sealed class JobLogService(IPipelineReader reader, IInstanceRepository instances, ProviderConnections connections)
{
    public async Task<JobLog> GetAsync(PipelineKey key, string runId, string jobId, CancellationToken cancellationToken)
    {
        if (await reader.FindJobLogAsync(key, runId, jobId, cancellationToken) is { IsComplete: true } stored)
        {
            return stored;
        }

        var pipeline = await reader.FindPipelineAsync(key, cancellationToken) ?? throw new NotFoundException($"No pipeline '{key}'.");
        var detail = await reader.FindRunAsync(key, runId, cancellationToken) ?? throw new NotFoundException($"No run '{runId}' in pipeline '{key}'.");
        var job = detail.Jobs.FirstOrDefault(candidate => candidate.NativeId == jobId)
            ?? throw new NotFoundException($"No job '{jobId}' in run '{runId}'.");
        var instance = await instances.FindAsync(key.InstanceId, cancellationToken)
            ?? throw new NotFoundException($"No instance '{key.InstanceId}'.");

        var connection = await connections.GetAsync(instance, cancellationToken);
        if (connection is not IJobLogSource logs)
        {
            throw new ProviderException(ProviderErrorKind.NotSupported, $"The {instance.Kind} provider does not serve logs.");
        }

        var log = await logs.GetJobLogAsync(pipeline, detail.Run, job, cancellationToken);
        if (log.IsComplete)
        {
            await reader.SaveJobLogAsync(key, runId, jobId, log, cancellationToken);
        }

        return log;
    }
}
