using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitLab;

namespace Microsoft.Extensions.DependencyInjection;

public static class GitLabServiceCollectionExtensions
{
    /// <summary>
    /// Registers the GitLab CI provider plugin and its named <see cref="HttpClient"/> (<see cref="GitLabPlugin.HttpClientName"/>), as
    /// <see cref="ProviderRegistration.AddProviderPlugin{TPlugin}"/> registers every provider.
    /// </summary>
    public static IServiceCollection AddGitLabProvider(this IServiceCollection services)
    {
        services.AddProviderPlugin<GitLabPlugin>(GitLabPlugin.HttpClientName);
        return services;
    }
}
