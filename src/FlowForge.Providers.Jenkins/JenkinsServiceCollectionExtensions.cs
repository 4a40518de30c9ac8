using FlowForge.Abstractions.Providers;
using FlowForge.Providers.Jenkins;

namespace Microsoft.Extensions.DependencyInjection;

public static class JenkinsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Jenkins provider plugin and its named <see cref="HttpClient"/> (<see cref="JenkinsPlugin.HttpClientName"/>), as
    /// <see cref="ProviderRegistration.AddProviderPlugin{TPlugin}"/> registers every provider.
    /// </summary>
    public static IServiceCollection AddJenkinsProvider(this IServiceCollection services)
    {
        services.AddProviderPlugin<JenkinsPlugin>(JenkinsPlugin.HttpClientName);
        return services;
    }
}
