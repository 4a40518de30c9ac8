using System.Net;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Providers.GitLab.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace FlowForge.Providers.GitLab.Tests;

/// <summary>The plugin as data (descriptor) and its connection factory's checks.</summary>
public sealed class PluginTests
{
    [Fact]
    public void The_descriptor_declares_the_fields_and_capabilities_of_the_connection()
    {
        var descriptor = GitLabDescriptor.Descriptor;

        Assert.Equal("gitlab", descriptor.Kind);
        Assert.Equal(["baseUrl", "token", "tokenType", "groups", "refs", "webhookSecret"], descriptor.Fields.Select(field => field.Key));
        Assert.Equal(["token", "webhookSecret"], descriptor.Fields.Where(field => field.Secret).Select(field => field.Key));
        Assert.Equal("https://gitlab.com/api/v4", descriptor.FindField("baseUrl")?.DefaultValue);
        Assert.False(descriptor.Capabilities.HasFlag(ProviderCapabilities.ConditionalRequests));
        Assert.Contains(descriptor.Permissions, permission => permission.Permission.StartsWith("read_api", StringComparison.Ordinal));
        Assert.Contains(descriptor.Permissions, permission => permission.Permission.StartsWith("api", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("groups", "acme, tools/ci", null)]
    [InlineData("groups", "acme; drop", "Groups has an invalid format.")]
    [InlineData("refs", "main, release/*", null)]
    [InlineData("tokenType", "oauth", null)]
    [InlineData("tokenType", "password", "Token type must be one of: access-token, oauth.")]
    [InlineData("baseUrl", "gitlab.example.com", "API base URL must be an absolute http or https URL.")]
    public void Fields_validate_their_values(string key, string value, string? message) =>
        Assert.Equal(message, GitLabDescriptor.Descriptor.FindField(key)!.Validate(value));

    [Theory]
    [InlineData("ftp://gitlab.example.com/api/v4")]
    [InlineData("https://gitlab.example.com/api/v4?private_token=x")]
    [InlineData("https://user:pass@gitlab.example.com/api/v4")]
    [InlineData("not a url")]
    public void A_bad_base_URL_is_a_misconfiguration(string baseUrl)
    {
        using var host = new GitLabTestHost();

        var error = Assert.Throws<ProviderException>(() => host.Plugin.Connect(Context(new Dictionary<string, string> { ["baseUrl"] = baseUrl })));

        Assert.Equal(ProviderErrorKind.Misconfigured, error.Kind);
        Assert.DoesNotContain("pass", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_token_or_an_unknown_token_type_is_a_misconfiguration()
    {
        using var host = new GitLabTestHost();

        var noToken = Assert.Throws<ProviderException>(() => host.Plugin.Connect(new ProviderConnectionContext("gl", new Dictionary<string, string>(), new Dictionary<string, SecretValue>(), new RecordingRateLimitObserver())));
        var badType = Assert.Throws<ProviderException>(() => host.Plugin.Connect(Context(new Dictionary<string, string> { ["tokenType"] = "password" })));

        Assert.Equal(ProviderErrorKind.Misconfigured, noToken.Kind);
        Assert.Equal(ProviderErrorKind.Misconfigured, badType.Kind);
    }

    [Fact]
    public void The_default_base_URL_is_gitlab_com()
    {
        using var host = new GitLabTestHost();

        var connection = Assert.IsType<GitLabConnection>(host.Plugin.Connect(Context(new Dictionary<string, string>())));

        Assert.Equal(new Uri("https://gitlab.com/api/v4/"), connection.Client.Root.BaseUrl);
    }

    [Fact]
    public void Groups_are_parsed_from_commas_and_spaces()
    {
        Assert.Equal(["acme", "tools/ci"], GitLabConnection.ParseGroups(" acme,tools/ci/ ,ACME "));
        Assert.Empty(GitLabConnection.ParseGroups(null));
    }

    [Fact]
    public void The_named_client_follows_no_redirect_and_keeps_no_cookie()
    {
        using var host = new GitLabTestHost();
        var options = host.Services.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get(GitLabPlugin.HttpClientName);
        var builder = new TestHandlerBuilder(host.Services);

        foreach (var action in options.HttpMessageHandlerBuilderActions)
        {
            action(builder);
        }

        var handler = Assert.IsType<SocketsHttpHandler>(builder.PrimaryHandler);
        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseCookies);
        Assert.Equal(DecompressionMethods.All, handler.AutomaticDecompression);
        Assert.Equal(TimeSpan.FromMinutes(5), handler.PooledConnectionLifetime);
    }

    private static ProviderConnectionContext Context(IReadOnlyDictionary<string, string> settings) =>
        new("gl", settings, new Dictionary<string, SecretValue> { ["token"] = new(GitLabTestHost.Token) }, new RecordingRateLimitObserver());

    private sealed class TestHandlerBuilder(IServiceProvider services) : HttpMessageHandlerBuilder
    {
        public override string? Name { get; set; } = GitLabPlugin.HttpClientName;

        public override HttpMessageHandler PrimaryHandler { get; set; } = new HttpClientHandler();

        public override IList<DelegatingHandler> AdditionalHandlers { get; } = [];

        public override IServiceProvider Services { get; } = services;

        public override HttpMessageHandler Build() => PrimaryHandler;
    }
}
