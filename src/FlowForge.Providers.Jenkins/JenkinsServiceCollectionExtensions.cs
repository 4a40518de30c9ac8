using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.Jenkins;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class JenkinsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Jenkins provider plugin and its named <see cref="HttpClient"/> (<see cref="JenkinsPlugin.HttpClientName"/>)
    /// with the shared primary handler: no automatic redirects (the provider follows them itself, so the credentials never
    /// travel to another host) and no cookie jar (the crumb's session cookie is sent by the connection it belongs to).
    /// Timeouts and resilience are the host's to add.
    /// </summary>
    public static IServiceCollection AddJenkinsProvider(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProviderPlugin, JenkinsPlugin>());
        services.AddHttpClient(JenkinsPlugin.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(ProviderHttpHandler.Create)
            // PooledConnectionLifetime already refreshes connections (and DNS); no need to rotate handlers too.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        return services;
    }
}
