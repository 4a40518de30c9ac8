using FlowForge.Core.Instances;
using FlowForge.Core.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Registers webhook processing: <see cref="WebhookProcessor"/> and <see cref="WebhookStats"/>. Needs what
    /// <c>AddFlowForgeCore</c> registers, a store, and an <see cref="FlowForge.Core.Sync.IActivitySignal"/>.
    /// </summary>
    public static IServiceCollection AddFlowForgeWebhooks(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<WebhookStats>();
        services.TryAddSingleton<WebhookProcessor>();
        services.AddSingleton<IInstanceMemory>(provider => provider.GetRequiredService<WebhookStats>());
        services.AddSingleton<IInstanceMemory>(provider => provider.GetRequiredService<WebhookProcessor>());
        return services;
    }
}
