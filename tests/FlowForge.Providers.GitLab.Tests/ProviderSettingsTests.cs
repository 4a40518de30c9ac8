using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;

namespace FlowForge.Providers.GitLab.Tests;

/// <summary><see cref="ProviderSettings"/> and <see cref="ProviderFields"/>: what every provider's Connect reads first.</summary>
public sealed class ProviderSettingsTests
{
    private static ProviderConnectionContext Context(Dictionary<string, string> settings, Dictionary<string, SecretValue>? secrets = null) =>
        new("inst", settings, secrets ?? [], new NoRateLimits());

    [Fact]
    public void The_base_url_falls_back_to_the_default_and_a_bad_one_is_a_misconfiguration()
    {
        Assert.Equal(
            "https://example.com/api/",
            Context([]).RequireApiRoot("baseUrl", "https://example.com/api", "API base URL", "https://HOST/api").BaseUrl.AbsoluteUri);
        Assert.Equal(
            "https://other.example/",
            Context(new() { ["baseUrl"] = " https://other.example " }).RequireApiRoot("baseUrl", "https://example.com/api", "API base URL", "x").BaseUrl.AbsoluteUri);

        var error = Assert.Throws<ProviderException>(() =>
            Context(new() { ["baseUrl"] = "example.com" }).RequireApiRoot("baseUrl", null, "Jenkins URL", "https://ci.example.com/jenkins/"));
        Assert.Equal(
            (ProviderErrorKind.Misconfigured, "The Jenkins URL of instance 'inst' must be an absolute http(s) URL without query, such as https://ci.example.com/jenkins/."),
            (error.Kind, error.Message));
        Assert.Throws<ProviderException>(() => Context([]).RequireApiRoot("baseUrl", defaultUrl: null, "Jenkins URL", "x"));
    }

    [Fact]
    public void Missing_settings_and_secrets_are_named_in_the_message()
    {
        var context = Context(new() { ["username"] = " ada ", ["empty"] = " " }, new() { ["token"] = new SecretValue("t0ken-not-real") });

        Assert.Equal("ada", context.RequireSetting("username", "user name"));
        Assert.Equal("t0ken-not-real", context.RequireSecret("token", "API token").Reveal());
        var noSetting = Assert.Throws<ProviderException>(() => context.RequireSetting("empty", "user name"));
        var noSecret = Assert.Throws<ProviderException>(() => context.RequireSecret("webhookSecret", "webhook token"));
        Assert.Equal((ProviderErrorKind.Misconfigured, "The user name of instance 'inst' is not set."), (noSetting.Kind, noSetting.Message));
        Assert.Equal((ProviderErrorKind.Misconfigured, "The webhook token of instance 'inst' is not set."), (noSecret.Kind, noSecret.Message));
    }

    [Fact]
    public void The_shared_fields_keep_their_keys_and_secrecy()
    {
        var baseUrl = ProviderFields.ApiBaseUrl("https://example.com/api", "The root.");
        var token = ProviderFields.Token("API token", "The credential.");
        var webhook = ProviderFields.WebhookSecret("Webhook token", "Verifies deliveries.");

        Assert.Equal(("baseUrl", ConfigFieldType.Url, false, false, "https://example.com/api"), (baseUrl.Key, baseUrl.Type, baseUrl.Required, baseUrl.Secret, baseUrl.DefaultValue));
        Assert.Equal(("token", "API token", true, true), (token.Key, token.Label, token.Required, token.Secret));
        Assert.Equal(("webhookSecret", false, true), (webhook.Key, webhook.Required, webhook.Secret));
        Assert.Equal(ProviderCapabilities.None, ProviderCapabilitySets.ReadPath & ProviderCapabilitySets.RunControl);
    }

    private sealed class NoRateLimits : IRateLimitObserver
    {
        public void Observe(RateLimitSnapshot snapshot)
        {
        }
    }
}
