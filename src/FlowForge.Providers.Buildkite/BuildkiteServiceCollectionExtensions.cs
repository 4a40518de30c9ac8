using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.Buildkite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class BuildkiteServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Buildkite provider plugin and its named <see cref="HttpClient"/>
    /// (<see cref="BuildkitePlugin.HttpClientName"/>) on the shared provider handler (<see cref="ProviderHttpHandler"/>:
    /// no automatic redirects, so the token stays with the API host; no cookies). Timeouts and resilience are the host's to add.
    /// </summary>
    public static IServiceCollection AddBuildkiteProvider(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProviderPlugin, BuildkitePlugin>());
        services.AddHttpClient(BuildkitePlugin.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(ProviderHttpHandler.Create)
            // PooledConnectionLifetime already refreshes connections (and DNS); handlers need no rotation.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        return services;
    }
}
