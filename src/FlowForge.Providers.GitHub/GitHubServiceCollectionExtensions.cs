using System.Net;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitHub;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class GitHubServiceCollectionExtensions
{
    /// <summary>
    /// Registers the GitHub Actions provider plugin and its named <see cref="HttpClient"/>
    /// (<see cref="GitHubPlugin.HttpClientName"/>). Redirects are not followed automatically: the provider follows
    /// them itself so the token never travels to another host. Timeouts and resilience are the host's to add.
    /// </summary>
    public static IServiceCollection AddGitHubProvider(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProviderPlugin, GitHubPlugin>());
        services.AddHttpClient(GitHubPlugin.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                // One handler serves every instance and credential: no cookie may pass from one to another.
                UseCookies = false,
            })
            // PooledConnectionLifetime already refreshes connections (and DNS); no need to rotate handlers too.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        return services;
    }
}
