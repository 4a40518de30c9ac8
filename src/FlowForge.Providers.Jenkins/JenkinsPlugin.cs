using FlowForge.Abstractions.Http;
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
        if (!BaseUrls.TryParse(context.Setting(JenkinsDescriptor.BaseUrlField), out var baseUrl))
        {
            throw new ProviderException(
                ProviderErrorKind.Misconfigured,
                $"The Jenkins URL of instance '{context.InstanceId}' must be an absolute http(s) URL without query, such as https://ci.example.com/jenkins/.");
        }

        var user = context.Setting(JenkinsDescriptor.UsernameField)?.Trim()
            ?? throw new ProviderException(ProviderErrorKind.Misconfigured, $"The user name of instance '{context.InstanceId}' is not set.");
        var token = context.Secret(JenkinsDescriptor.TokenField)
            ?? throw new ProviderException(ProviderErrorKind.Misconfigured, $"The API token of instance '{context.InstanceId}' is not set.");

        var client = new JenkinsApiClient(httpClientFactory, baseUrl, user, token, context.RateLimits, timeProvider, loggerFactory.CreateLogger<JenkinsApiClient>());
        var queue = new JenkinsQueueFollower(client, timeProvider, loggerFactory.CreateLogger<JenkinsQueueFollower>());
        return new JenkinsConnection(
            context.InstanceId,
            client,
            _mapper,
            JenkinsConnection.ParseFolders(context.Setting(JenkinsDescriptor.FoldersField)),
            new JenkinsParameterSource(client),
            new JenkinsRunActions(client, queue),
            new JenkinsConsoleLogs(client),
            timeProvider,
            loggerFactory.CreateLogger<JenkinsConnection>());
    }
}
