using FlowForge.Core.Events;
using FlowForge.Core.Instances;
using FlowForge.Core.Operations;
using FlowForge.Core.Persistence;
using FlowForge.Core.Pipelines;
using FlowForge.Core.Providers;
using FlowForge.Core.Sync;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the application services: registry, instances, connections, sync and read models.</summary>
    public static IServiceCollection AddFlowForgeCore(this IServiceCollection services)
    {
        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StoreVersion>();
        services.AddOptions<EventOptions>().BindConfiguration(EventOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IEventBus, InProcessEventBus>();
        services.AddSingleton<ProviderRegistry>();
        services.AddSingleton<RateLimitBudgets>();
        services.AddSingleton<SyncStates>();
        services.AddSingleton<IActivitySignal>(provider => provider.GetRequiredService<SyncStates>());
        services.AddSingleton<SyncCycle>();
        services.AddSingleton<ProviderConnections>();
        services.AddSingleton<InstanceService>();
        services.AddSingleton<InstanceSynchronizer>();
        services.AddSingleton<PipelineReadModel>();
        services.AddSingleton<PipelineBaselines>();
        services.AddSingleton<JobLogService>();
        services.AddSingleton<RunOperations>();
        services.AddSingleton<SyncScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<SyncScheduler>());
        return services;
    }
}
