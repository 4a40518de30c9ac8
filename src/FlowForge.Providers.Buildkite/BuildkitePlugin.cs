using System.Text.RegularExpressions;
using FlowForge.Abstractions.Providers;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.Buildkite;

/// <summary>
/// The Buildkite provider: the pipelines and builds of one organization (discovery, builds with their jobs, job logs,
/// verified webhooks; trigger parameters, create build, rebuild, retry failed jobs, cancel).
/// </summary>
public sealed partial class BuildkitePlugin(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    : IProviderPlugin
{
    public const string Kind = "buildkite";

    /// <summary>The named <see cref="HttpClient"/> every Buildkite connection uses; the host adds timeouts and resilience to it.</summary>
    public const string HttpClientName = "FlowForge.Providers.Buildkite";

    private readonly BuildkiteMapper _mapper = new(loggerFactory.CreateLogger<BuildkiteMapper>());

    public ProviderDescriptor Descriptor => BuildkiteDescriptor.Descriptor;

    public IProviderConnection Connect(ProviderConnectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = context.RequireApiRoot(BuildkiteDescriptor.BaseUrlField, BuildkiteDescriptor.DefaultBaseUrl, "API base URL", BuildkiteDescriptor.DefaultBaseUrl);
        var organization = context.Setting(BuildkiteDescriptor.OrganizationField)?.Trim();
        if (organization is null || !SlugRegex().IsMatch(organization))
        {
            throw new ProviderException(
                ProviderErrorKind.Misconfigured,
                $"The organization of instance '{context.InstanceId}' must be a Buildkite organization slug (lower-case letters, digits and dashes), as in https://buildkite.com/acme-inc.");
        }

        var token = context.RequireSecret(BuildkiteDescriptor.TokenField, "API access token");
        var client = new BuildkiteApiClient(
            httpClientFactory, root, organization, token, context.RateLimits, timeProvider, loggerFactory.CreateLogger<BuildkiteApiClient>());
        var listing = new BuildkiteBuildListing(context.InstanceId, client, _mapper, timeProvider, loggerFactory.CreateLogger<BuildkiteBuildListing>());
        return new BuildkiteConnection(
            context.InstanceId,
            client,
            listing,
            new BuildkiteWebhooks(context.InstanceId, context.Secret(BuildkiteDescriptor.WebhookSecretField), _mapper, timeProvider),
            new BuildkiteParameterSource(client),
            new BuildkiteRunActions(client, listing),
            loggerFactory.CreateLogger<BuildkiteConnection>());
    }

    [GeneratedRegex("^" + BuildkiteDescriptor.SlugPattern + "$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugRegex();
}
