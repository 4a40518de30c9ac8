using FlowForge.Abstractions.Providers;
using FlowForge.Providers.Buildkite;

namespace Microsoft.Extensions.DependencyInjection;

public static class BuildkiteServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Buildkite provider plugin and its named <see cref="HttpClient"/> (<see cref="BuildkitePlugin.HttpClientName"/>), as
    /// <see cref="ProviderRegistration.AddProviderPlugin{TPlugin}"/> registers every provider.
    /// </summary>
    public static IServiceCollection AddBuildkiteProvider(this IServiceCollection services)
    {
        services.AddProviderPlugin<BuildkitePlugin>(BuildkitePlugin.HttpClientName);
        return services;
    }
}
