using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Providers.GitHub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Providers.GitHub.Tests;

/// <summary>The descriptor, the registration and <see cref="GitHubPlugin.Connect"/>.</summary>
public sealed class PluginTests
{
    [Fact]
    public void The_descriptor_declares_the_fields_and_capabilities()
    {
        using var host = new GitHubTestHost();
        var descriptor = host.Plugin.Descriptor;

        Assert.Equal("github", descriptor.Kind);
        Assert.Equal(GitHubPlugin.Kind, descriptor.Kind);
        Assert.Equal("GitHub Actions", descriptor.DisplayName);
        Assert.Equal(["baseUrl", "token", "owners", "webhookSecret"], descriptor.Fields.Select(field => field.Key));
        Assert.Equal(
            ProviderCapabilities.Discovery | ProviderCapabilities.Pipelines | ProviderCapabilities.Runs | ProviderCapabilities.Logs
                | ProviderCapabilities.ConditionalRequests | ProviderCapabilities.CredentialValidation | ProviderCapabilities.Webhooks
                | ProviderCapabilities.Parameters | ProviderCapabilities.Trigger | ProviderCapabilities.Rerun | ProviderCapabilities.Cancel,
            descriptor.Capabilities);
        Assert.NotEmpty(descriptor.Permissions);
        Assert.Contains(descriptor.Permissions, permission => permission.Permission == "Actions: read and write (fine-grained token)");
        Assert.Contains(descriptor.Permissions, permission => permission.Permission == "Contents: read (fine-grained token)");

        var baseUrl = descriptor.FindField("baseUrl")!;
        Assert.Equal(ConfigFieldType.Url, baseUrl.Type);
        Assert.False(baseUrl.Required);
        Assert.Equal("https://api.github.com", baseUrl.DefaultValue);
        Assert.Contains("/api/v3", baseUrl.Description, StringComparison.Ordinal);

        var token = descriptor.FindField("token")!;
        Assert.True(token.Secret);
        Assert.True(token.Required);
        Assert.Equal("Token", token.Label);
        Assert.Equal("Token is required.", token.Validate(null));

        var webhookSecret = descriptor.FindField("webhookSecret")!;
        Assert.Equal("Webhook secret", webhookSecret.Label);
        Assert.True(webhookSecret.Secret);
        Assert.False(webhookSecret.Required);
        Assert.Null(webhookSecret.Validate(null));
        Assert.Contains(descriptor.Permissions, permission => permission.Permission.Contains("admin:repo_hook", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("acme", true)]
    [InlineData("acme, octo-cat,emu_user", true)]
    [InlineData("", true)]
    [InlineData("acme/app", false)]
    [InlineData("acme;drop", false)]
    public void The_owners_field_accepts_logins_commas_and_spaces(string value, bool valid)
    {
        using var host = new GitHubTestHost();

        var error = host.Plugin.Descriptor.FindField("owners")!.Validate(value);

        Assert.Equal(valid, error is null);
    }

    [Fact]
    public void Registering_twice_registers_one_plugin()
    {
        var services = new ServiceCollection();
        services.AddGitHubProvider();
        services.AddGitHubProvider();
        using var provider = services.BuildServiceProvider();

        var plugin = Assert.Single(provider.GetServices<IProviderPlugin>());
        Assert.IsType<GitHubPlugin>(plugin);
        Assert.NotNull(provider.GetRequiredService<IHttpClientFactory>().CreateClient(GitHubPlugin.HttpClientName));
    }

    [Fact]
    public void A_connection_implements_every_declared_capability()
    {
        using var host = new GitHubTestHost();

        var connection = host.Connect(new Uri("https://api.github.com"));

        Assert.Equal(GitHubTestHost.InstanceId, connection.InstanceId);
        Assert.IsType<ICredentialValidator>(connection, exactMatch: false);
        Assert.IsType<ISourceDiscovery>(connection, exactMatch: false);
        Assert.IsType<IPipelineSource>(connection, exactMatch: false);
        Assert.IsType<IRunSource>(connection, exactMatch: false);
        Assert.IsType<IJobLogSource>(connection, exactMatch: false);
        Assert.IsType<IWebhookReceiver>(connection, exactMatch: false);
        Assert.IsType<IParameterSource>(connection, exactMatch: false);
        Assert.IsType<IRunTrigger>(connection, exactMatch: false);
        Assert.IsType<IRunCanceller>(connection, exactMatch: false);
        Assert.Equal([RerunScope.All, RerunScope.FailedJobs, RerunScope.Job], Assert.IsType<IRunRerunner>(connection, exactMatch: false).RerunScopes);
    }

    [Fact]
    public void Without_a_base_url_the_connection_talks_to_github_com()
    {
        using var host = new GitHubTestHost();

        var connection = host.Plugin.Connect(Context(new Dictionary<string, string>(StringComparer.Ordinal)));

        Assert.Equal(new Uri("https://api.github.com/"), Assert.IsType<GitHubConnection>(connection).Client.Root.BaseUrl);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com/api/v3")]
    [InlineData("https://example.com/api/v3?x=1")]
    [InlineData("https://user:pass@example.com/api/v3")]
    public void A_bad_base_url_is_a_misconfiguration(string baseUrl)
    {
        using var host = new GitHubTestHost();

        var exception = Assert.Throws<ProviderException>(
            () => host.Plugin.Connect(Context(new Dictionary<string, string>(StringComparer.Ordinal) { ["baseUrl"] = baseUrl })));

        Assert.Equal(ProviderErrorKind.Misconfigured, exception.Kind);
    }

    [Fact]
    public void A_missing_token_is_a_misconfiguration()
    {
        using var host = new GitHubTestHost();

        var exception = Assert.Throws<ProviderException>(() => host.Plugin.Connect(new ProviderConnectionContext(
            "gh", new Dictionary<string, string>(StringComparer.Ordinal), new Dictionary<string, SecretValue>(StringComparer.Ordinal), new RecordingRateLimitObserver())));

        Assert.Equal(ProviderErrorKind.Misconfigured, exception.Kind);
    }

    [Theory]
    [InlineData(null, new string[0])]
    [InlineData("acme", new[] { "acme" })]
    [InlineData(" acme , Octo-Cat  other ,", new[] { "acme", "Octo-Cat", "other" })]
    public void The_owners_setting_is_parsed(string? setting, string[] expected)
    {
        var owners = GitHubConnection.ParseOwners(setting);

        Assert.Equal(expected.Order(StringComparer.Ordinal), owners.Order(StringComparer.Ordinal));
        Assert.All(expected, owner => Assert.Contains(owner.ToUpperInvariant(), owners));
    }

    private static ProviderConnectionContext Context(Dictionary<string, string> settings) => new(
        GitHubTestHost.InstanceId,
        settings,
        new Dictionary<string, SecretValue>(StringComparer.Ordinal) { ["token"] = new SecretValue(GitHubTestHost.Token) },
        new RecordingRateLimitObserver());
}
