using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitHub;

namespace Microsoft.Extensions.DependencyInjection;

public static class GitHubServiceCollectionExtensions
{
    /// <summary>
    /// Registers the GitHub Actions provider plugin and its named <see cref="HttpClient"/> (<see cref="GitHubPlugin.HttpClientName"/>), as
    /// <see cref="ProviderRegistration.AddProviderPlugin{TPlugin}"/> registers every provider.
    /// </summary>
    public static IServiceCollection AddGitHubProvider(this IServiceCollection services)
    {
        services.AddProviderPlugin<GitHubPlugin>(GitHubPlugin.HttpClientName);
        return services;
    }
}
