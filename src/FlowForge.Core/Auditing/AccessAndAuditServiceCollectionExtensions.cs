using FlowForge.Core.Access;
using FlowForge.Core.Auditing;

namespace Microsoft.Extensions.DependencyInjection;

public static class AccessAndAuditServiceCollectionExtensions
{
    /// <summary>API keys and the audit log's options and retention sweep; the store registers the ports they use.</summary>
    public static IServiceCollection AddFlowForgeAccessAndAudit(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyService>();
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AuditRetentionService>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditRetentionService>());
        return services;
    }
}
