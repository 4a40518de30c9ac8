using FlowForge.Abstractions.Providers;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.Jenkins;

/// <summary>
/// The Jenkins provider: jobs in nested folders and multibranch projects, builds, Pipeline stages and steps, console logs,
/// parameters, and starting, rebuilding and stopping builds. Core Jenkins sends no webhooks: polling is made cheap instead
/// (one request per watched job per poll).
/// </summary>
public sealed class JenkinsPlugin(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    : IProviderPlugin
{
    public const string Kind = "jenkins";

    /// <summary>The named <see cref="HttpClient"/> every Jenkins connection uses; the host adds timeouts and resilience to it.</summary>
    public const string HttpClientName = "FlowForge.Providers.Jenkins";

    private readonly JenkinsMapper _mapper = new(loggerFactory.CreateLogger<JenkinsMapper>());

    public ProviderDescriptor Descriptor => JenkinsDescriptor.Descriptor;

    public IProviderConnection Connect(ProviderConnectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = context.RequireApiRoot(JenkinsDescriptor.BaseUrlField, defaultUrl: null, "Jenkins URL", "https://ci.example.com/jenkins/");
        var user = context.RequireSetting(JenkinsDescriptor.UsernameField, "user name");
        var token = context.RequireSecret(JenkinsDescriptor.TokenField, "API token");
        var client = new JenkinsApiClient(httpClientFactory, root, user, token, context.RateLimits, timeProvider, loggerFactory.CreateLogger<JenkinsApiClient>());
        var queue = new JenkinsQueueFollower(client, timeProvider, loggerFactory.CreateLogger<JenkinsQueueFollower>());
        var parameters = new JenkinsParameterSource(client);
        return new JenkinsConnection(
            context.InstanceId,
            client,
            _mapper,
            JenkinsConnection.ParseFolders(context.Setting(JenkinsDescriptor.FoldersField)),
            parameters,
            new JenkinsRunActions(client, queue, parameters),
            new JenkinsConsoleLogs(client),
            timeProvider,
            loggerFactory.CreateLogger<JenkinsConnection>());
    }
}
