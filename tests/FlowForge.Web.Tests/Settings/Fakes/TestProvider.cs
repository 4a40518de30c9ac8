using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitHub;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowForge.Web.Tests.Settings.Fakes;

/// <summary>
/// A provider with GitHub's real descriptor (its fields, capabilities and permissions make the forms under test) whose
/// connections answer token checks and discovery from what the test sets.
/// </summary>
internal sealed class TestProvider : IProviderPlugin
{
    public static ProviderDescriptor GitHub { get; } =
        new GitHubPlugin(new NoHttp(), TimeProvider.System, NullLoggerFactory.Instance).Descriptor;

    public ProviderDescriptor Descriptor => GitHub;

    /// <summary>What a token check answers, or throws.</summary>
    public Func<CredentialCheck> Check { get; set; } = () => new CredentialCheck("octocat", []);

    public IReadOnlyList<WatchableSource> Sources { get; set; } = [];

    public IProviderConnection Connect(ProviderConnectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Connection(context.InstanceId, this);
    }

    private sealed class Connection(string instanceId, TestProvider provider) : IProviderConnection, ICredentialValidator, ISourceDiscovery
    {
        public string InstanceId => instanceId;

        public Task<CredentialCheck> ValidateCredentialsAsync(CancellationToken cancellationToken) => Task.FromResult(provider.Check());

        public Task<IReadOnlyList<WatchableSource>> ListSourcesAsync(CancellationToken cancellationToken) => Task.FromResult(provider.Sources);
    }

    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new NotSupportedException("No HTTP in these tests.");
    }
}
