using FlowForge.Abstractions.Providers;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.GitHub;

/// <summary>
/// The GitHub Actions provider: github.com and GitHub Enterprise Server (discovery, workflows, runs, jobs, logs; verified
/// webhooks; trigger parameters, dispatch, re-run and cancel).
/// </summary>
public sealed class GitHubPlugin(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    : IProviderPlugin
{
    public const string Kind = "github";

    /// <summary>The named <see cref="HttpClient"/> every GitHub connection uses; the host adds timeouts and resilience to it.</summary>
    public const string HttpClientName = "FlowForge.Providers.GitHub";

    private readonly GitHubMapper _mapper = new(loggerFactory.CreateLogger<GitHubMapper>());

    public ProviderDescriptor Descriptor => GitHubDescriptor.Descriptor;

    public IProviderConnection Connect(ProviderConnectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = context.RequireApiRoot(
            GitHubDescriptor.BaseUrlField, GitHubDescriptor.DefaultBaseUrl, "API base URL", $"{GitHubDescriptor.DefaultBaseUrl} or https://HOST/api/v3");
        var token = context.RequireSecret(GitHubDescriptor.TokenField, "token");
        var client = new GitHubApiClient(
            httpClientFactory,
            root,
            token,
            context.RateLimits,
            timeProvider,
            loggerFactory.CreateLogger<GitHubApiClient>());
        return new GitHubConnection(
            context.InstanceId,
            client,
            _mapper,
            GitHubConnection.ParseOwners(context.Setting(GitHubDescriptor.OwnersField)),
            new GitHubWebhooks(context.InstanceId, context.Secret(GitHubDescriptor.WebhookSecretField), _mapper),
            new GitHubParameterSource(client),
            new GitHubRunActions(client, timeProvider, loggerFactory.CreateLogger<GitHubRunActions>()),
            loggerFactory.CreateLogger<GitHubConnection>());
    }
}
