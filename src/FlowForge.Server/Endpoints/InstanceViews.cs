using FlowForge.Abstractions.Domain;
using FlowForge.Core.Persistence;
using FlowForge.Core.Providers;
using FlowForge.Core.Sync;
using FlowForge.Server.Contracts;

namespace FlowForge.Server.Endpoints;

/// <summary>Puts together what the API shows of an instance: configuration, stored health, live sync state.</summary>
internal sealed class InstanceViews(IInstanceRepository instances, SyncStates states, ProviderConnections connections, RateLimitBudgets budgets)
{
    public async Task<InstanceResponse> ViewAsync(ProviderInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var health = await instances.GetHealthAsync(instance.Id, cancellationToken);
        return InstanceResponse.From(instance, health, SyncOf(instance.Id));
    }

    public SyncStatusResponse SyncOf(string instanceId)
    {
        var status = states.StatusOf(instanceId);
        var blockedUntil = connections.BudgetKeyOf(instanceId) is { } key ? budgets.BlockedUntil(key) : null;
        return new SyncStatusResponse(
            status.LastDiscoveryAt, status.NextPollAt, status.NextAttemptAt, status.ConsecutiveFailures, status.Sources, status.FastSources, blockedUntil);
    }
}
