using FlowForge.Abstractions.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FlowForge.Abstractions.Providers;

/// <summary>How every in-tree provider plugin is added to dependency injection, the same way.</summary>
public static class ProviderRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TPlugin"/> (once, however often this is called) and its named
    /// <see cref="HttpClient"/> on the shared primary handler (<see cref="ProviderHttpHandler"/>: no automatic redirects,
    /// so a credential never travels to another host; no cookies, since one handler serves every instance). Timeouts and
    /// resilience are the host's to add to the named client.
    /// </summary>
    /// <param name="httpClientName">The plugin's <c>HttpClientName</c>.</param>
    public static IHttpClientBuilder AddProviderPlugin<TPlugin>(this IServiceCollection services, string httpClientName)
        where TPlugin : class, IProviderPlugin
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(httpClientName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProviderPlugin, TPlugin>());
        return services.AddHttpClient(httpClientName)
            .ConfigurePrimaryHttpMessageHandler(ProviderHttpHandler.Create)
            // PooledConnectionLifetime already refreshes connections (and DNS); handlers need no rotation too.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
    }
}
