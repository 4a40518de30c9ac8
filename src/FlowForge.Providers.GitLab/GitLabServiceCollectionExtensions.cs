using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitLab;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class GitLabServiceCollectionExtensions
{
    /// <summary>
    /// Registers the GitLab CI provider plugin and its named <see cref="HttpClient"/> (<see cref="GitLabPlugin.HttpClientName"/>)
    /// on the shared provider handler (<see cref="ProviderHttpHandler"/>: no automatic redirects, no cookies). Timeouts
    /// and resilience are the host's to add.
    /// </summary>
    public static IServiceCollection AddGitLabProvider(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProviderPlugin, GitLabPlugin>());
        services.AddHttpClient(GitLabPlugin.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(ProviderHttpHandler.Create)

            // PooledConnectionLifetime already refreshes connections (and DNS); no need to rotate handlers too.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        return services;
    }
}
