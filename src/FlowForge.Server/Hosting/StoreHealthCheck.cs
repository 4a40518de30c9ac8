using FlowForge.Core.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlowForge.Server.Hosting;

/// <summary>The server is healthy when its store answers; provider instances have their own health.</summary>
internal sealed class StoreHealthCheck(IInstanceRepository instances) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await instances.ListAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The store cannot be read.", exception);
        }
    }
}
