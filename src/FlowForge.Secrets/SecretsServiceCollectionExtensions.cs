using FlowForge.Core.Secrets;
using FlowForge.Secrets;

namespace Microsoft.Extensions.DependencyInjection;

public static class SecretsServiceCollectionExtensions
{
    /// <summary>Registers the secret stores and the resolver that routes references to them.</summary>
    public static IServiceCollection AddFlowForgeSecrets(this IServiceCollection services)
    {
        services.AddSingleton<ISecretStore, InMemorySecretStore>();
        services.AddSingleton<ISecretStore, EnvironmentSecretStore>();
        services.AddOptions<SecretsOptions>().BindConfiguration(SecretsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SecretResolver>();
        return services;
    }
}
