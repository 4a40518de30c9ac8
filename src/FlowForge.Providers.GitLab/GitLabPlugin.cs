using FlowForge.Abstractions.Providers;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.GitLab;

/// <summary>
/// The GitLab CI provider: gitlab.com and self-managed GitLab (discovery with subgroups, pipelines per project with ref
/// filtering, runs, jobs, logs; verified webhooks; inputs and variables, trigger, retry, play and cancel).
/// </summary>
public sealed class GitLabPlugin(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    : IProviderPlugin
{
    public const string Kind = "gitlab";

    /// <summary>The named <see cref="HttpClient"/> every GitLab connection uses; the host adds timeouts and resilience to it.</summary>
    public const string HttpClientName = "FlowForge.Providers.GitLab";

    private readonly GitLabMapper _mapper = new(loggerFactory.CreateLogger<GitLabMapper>());

    public ProviderDescriptor Descriptor => GitLabDescriptor.Descriptor;

    public IProviderConnection Connect(ProviderConnectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = context.RequireApiRoot(
            GitLabDescriptor.BaseUrlField, GitLabDescriptor.DefaultBaseUrl, "API base URL", $"{GitLabDescriptor.DefaultBaseUrl} or https://HOST/api/v4");
        var token = context.RequireSecret(GitLabDescriptor.TokenField, "token");
        var bearer = (context.Setting(GitLabDescriptor.TokenTypeField) ?? GitLabDescriptor.AccessToken) switch
        {
            GitLabDescriptor.AccessToken => false,
            GitLabDescriptor.OAuthToken => true,
            var other => throw new ProviderException(
                ProviderErrorKind.Misconfigured,
                $"The token type of instance '{context.InstanceId}' is '{other}'; it must be {GitLabDescriptor.AccessToken} or {GitLabDescriptor.OAuthToken}."),
        };

        var client = new GitLabApiClient(httpClientFactory, root, token, bearer, context.RateLimits, timeProvider, loggerFactory.CreateLogger<GitLabApiClient>());
        var facts = new GitLabRunFacts(timeProvider);
        var parameters = new GitLabParameterSource(client, timeProvider);
        return new GitLabConnection(
            context.InstanceId,
            client,
            _mapper,
            facts,
            GitLabConnection.ParseGroups(context.Setting(GitLabDescriptor.GroupsField)),
            GitLabRefFilter.Parse(context.Setting(GitLabDescriptor.RefsField)),
            new GitLabWebhooks(context.InstanceId, context.Secret(GitLabDescriptor.WebhookSecretField), _mapper, facts),
            parameters,
            new GitLabRunActions(client, parameters, _mapper),
            loggerFactory.CreateLogger<GitLabConnection>());
    }
}
