using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Providers.Jenkins.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace FlowForge.Providers.Jenkins.Tests;

/// <summary>The plugin as data (descriptor) and its registration.</summary>
public sealed class PluginTests
{
    [Fact]
    public void The_descriptor_declares_kind_fields_and_capabilities()
    {
        var descriptor = JenkinsDescriptor.Descriptor;

        Assert.Equal(("jenkins", "Jenkins"), (descriptor.Kind, descriptor.DisplayName));
        Assert.Equal(["baseUrl", "username", "token", "folders"], descriptor.Fields.Select(field => field.Key));
        Assert.Equal([true, true, true, false], descriptor.Fields.Select(field => field.Required));
        Assert.Equal(["token"], descriptor.Fields.Where(field => field.Secret).Select(field => field.Key));
        Assert.Null(descriptor.FindField("baseUrl")!.DefaultValue);
        Assert.Equal(ConfigFieldType.Url, descriptor.FindField("baseUrl")!.Type);
        Assert.Null(descriptor.FindField("webhookSecret"));
        Assert.False(descriptor.Capabilities.HasFlag(ProviderCapabilities.Webhooks));
        Assert.False(descriptor.Capabilities.HasFlag(ProviderCapabilities.ConditionalRequests));
        Assert.Contains(descriptor.Permissions, permission => permission.Permission == "Job/Build");
        Assert.Null(descriptor.FindField("folders")!.Validate("team-a, platform/services"));
    }

    [Theory]
    [InlineData(null, "ci-bot", "The Jenkins URL of instance 'jk'")]
    [InlineData("ftp://ci.example.com", "ci-bot", "The Jenkins URL of instance 'jk'")]
    [InlineData("https://ci.example.com/?x=1", "ci-bot", "The Jenkins URL of instance 'jk'")]
    [InlineData("https://ci.example.com/jenkins", null, "The user name of instance 'jk' is not set.")]
    public void Unusable_settings_are_misconfigured(string? baseUrl, string? user, string message)
    {
        using var host = new JenkinsTestHost();
        var settings = new Dictionary<string, string>();
        if (baseUrl is not null)
        {
            settings["baseUrl"] = baseUrl;
        }

        if (user is not null)
        {
            settings["username"] = user;
        }

        var error = Assert.Throws<ProviderException>(() => host.Plugin.Connect(new ProviderConnectionContext(
            "jk", settings, new Dictionary<string, SecretValue> { ["token"] = new SecretValue(JenkinsTestHost.Token) }, host.RateLimits)));

        Assert.Equal(ProviderErrorKind.Misconfigured, error.Kind);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_token_is_misconfigured()
    {
        using var host = new JenkinsTestHost();

        var error = Assert.Throws<ProviderException>(() => host.Plugin.Connect(new ProviderConnectionContext(
            "jk", new Dictionary<string, string> { ["baseUrl"] = "https://ci.example.com/", ["username"] = "ci-bot" }, new Dictionary<string, SecretValue>(), host.RateLimits)));

        Assert.Equal((ProviderErrorKind.Misconfigured, "The API token of instance 'jk' is not set."), (error.Kind, error.Message));
    }

    [Fact]
    public void The_registration_adds_the_plugin_once_and_its_named_client_without_automatic_redirects_or_cookies()
    {
        using var services = new ServiceCollection().AddJenkinsProvider().AddJenkinsProvider().BuildServiceProvider();

        Assert.IsType<JenkinsPlugin>(Assert.Single(services.GetServices<IProviderPlugin>()));
        var options = services.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get(JenkinsPlugin.HttpClientName);
        var builder = new TestHandlerBuilder(services);
        foreach (var action in options.HttpMessageHandlerBuilderActions)
        {
            action(builder);
        }

        var handler = Assert.IsType<SocketsHttpHandler>(builder.PrimaryHandler);
        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseCookies);
    }

    private sealed class TestHandlerBuilder(IServiceProvider services) : HttpMessageHandlerBuilder
    {
        public override string? Name { get; set; } = JenkinsPlugin.HttpClientName;

        public override HttpMessageHandler PrimaryHandler { get; set; } = new HttpClientHandler();

        public override IList<DelegatingHandler> AdditionalHandlers { get; } = [];

        public override IServiceProvider Services => services;

        public override HttpMessageHandler Build() => PrimaryHandler;
    }
}
