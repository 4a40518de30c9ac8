using System.Security.Claims;
using Bunit;
using FlowForge.Abstractions.Secrets;
using FlowForge.Core.Access;
using FlowForge.Core.Auditing;
using FlowForge.Core.Secrets;
using FlowForge.Web.Components.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Web.Tests.Settings;

/// <summary>The secrets of an instance on its settings card: set or not and since when, set, rotate, delete; never a value.</summary>
public sealed class SecretsPanelTests : SettingsTestContext
{
    private const string Token = "ghp_panel_token_value";

    [Fact]
    public async Task Each_secret_says_whether_it_is_set_where_and_since_when_and_never_its_value()
    {
        SignInAsAdmin();
        await AddInstanceAsync("acme", Token);
        Time.Advance(TimeSpan.FromHours(2));

        var section = Render<InstancesSection>();

        var token = Secret(section, "token");
        Assert.Equal("set", token.GetAttribute("data-state"));
        Assert.Contains("Set, in memory only", token.TextContent, StringComparison.Ordinal);
        Assert.Contains("changed 2 h ago", token.TextContent, StringComparison.Ordinal);
        Assert.Empty(token.QuerySelectorAll("[data-testid=secret-delete]"));
        var hook = Secret(section, "webhookSecret");
        Assert.Equal("not-set", hook.GetAttribute("data-state"));
        Assert.Contains("Not set", hook.TextContent, StringComparison.Ordinal);
        Assert.Equal("Set", hook.QuerySelector("[data-testid=secret-edit]")!.TextContent);
        Assert.DoesNotContain(Token, section.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotating_stores_the_new_value_deletes_the_old_one_and_audits_it_masked()
    {
        SignInAsAdmin();
        await AddInstanceAsync("acme", Token);
        Time.Advance(TimeSpan.FromMinutes(5));
        var section = Render<InstancesSection>();

        await SaveAsync(section, "token", "ghp_rotated_value");

        Assert.Equal(["ghp_rotated_value"], Secrets.Values.Values.Select(value => value.Reveal()));
        var token = Secret(section, "token");
        Assert.Contains("changed now", token.TextContent, StringComparison.Ordinal);
        Assert.Contains("Rotated the Token.", section.Find("[data-testid=secrets-panel] [role=status]").TextContent, StringComparison.Ordinal);
        Assert.Equal(Time.GetUtcNow(), Repository["acme"]!.SecretsChangedAt["token"]);
        var entry = Assert.Single(Audit.Entries, entry => entry.Action == AuditActions.SecretSet);
        Assert.Equal((AuditOutcomes.Succeeded, 200, "acme"), (entry.Outcome, entry.StatusCode, entry.InstanceId));
        Assert.Equal(("token", "***"), (entry.Parameters["field"], entry.Parameters["value"]));
        Assert.DoesNotContain("ghp_rotated_value", section.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_optional_secret_is_set_then_deleted_after_asking()
    {
        SignInAsAdmin();
        await AddInstanceAsync("acme", Token);
        var section = Render<InstancesSection>();

        await SaveAsync(section, "webhookSecret", "hook_value");
        Assert.Equal("set", Secret(section, "webhookSecret").GetAttribute("data-state"));
        Assert.Contains(Secrets.Values.Values, value => value.Reveal() == "hook_value");

        Secret(section, "webhookSecret").QuerySelector("[data-testid=secret-delete]")!.Click();
        await section.Find("[data-testid=confirm-yes]").ClickAsync(new());

        Assert.Equal("not-set", Secret(section, "webhookSecret").GetAttribute("data-state"));
        Assert.DoesNotContain(Secrets.Values.Values, value => value.Reveal() == "hook_value");
        var entry = Assert.Single(Audit.Entries, entry => entry.Action == AuditActions.SecretDelete);
        Assert.Equal((AuditOutcomes.Succeeded, 204, "webhookSecret"), (entry.Outcome, entry.StatusCode, entry.Parameters["field"]));
    }

    [Fact]
    public async Task An_environment_reference_is_kept_as_a_reference_and_shown_by_name()
    {
        SignInAsAdmin();
        await AddInstanceAsync("acme", Token);
        var section = Render<InstancesSection>();

        await SaveAsync(section, "token", "env:ACME_TOKEN");

        Assert.Contains("read from the environment variable ACME_TOKEN", Secret(section, "token").TextContent, StringComparison.Ordinal);
        Assert.Equal("env:ACME_TOKEN", Repository["acme"]!.SecretReferences["token"]);
        Assert.Empty(Secrets.Values);
    }

    [Fact]
    public async Task An_empty_value_is_refused_where_it_was_typed_and_changes_nothing()
    {
        SignInAsAdmin();
        var before = await AddInstanceAsync("acme", Token);
        var section = Render<InstancesSection>();

        await SaveAsync(section, "token", " ");

        Assert.Contains("Token needs a value", section.Find("[data-testid=secret-error]").TextContent, StringComparison.Ordinal);
        Assert.Equal(before.SecretReferences, Repository["acme"]!.SecretReferences);
        Assert.Equal(AuditOutcomes.Failed, Assert.Single(Audit.Entries).Outcome);
    }

    [Fact]
    public async Task A_store_that_cannot_be_reached_says_why_and_nothing_changes()
    {
        var store = new SwitchableStore(Secrets);
        Services.AddSingleton<ISecretStore>(store);
        Services.Configure<SecretsOptions>(options => options.DefaultStore = store.Scheme);
        SignInAsAdmin();
        var before = await AddInstanceAsync("acme", Token);
        var section = Render<InstancesSection>();
        store.Unavailable = "the keyring is locked and was not unlocked";

        await SaveAsync(section, "token", "ghp_while_locked");

        Assert.Equal(
            "The secret store is unavailable. The keyring is locked and was not unlocked. Nothing was changed.",
            section.Find("[data-testid=secret-error]").TextContent);
        Assert.Equal(before.SecretReferences, Repository["acme"]!.SecretReferences);
        Assert.Equal((AuditOutcomes.Failed, 503), (Audit.Entries[^1].Outcome, Audit.Entries[^1].StatusCode));
    }

    [Fact]
    public async Task Below_the_admin_role_there_is_no_secrets_panel()
    {
        await AddInstanceAsync("acme", Token);
        Authorization.SetAuthorized("olivia");
        Authorization.SetClaims(new Claim(AccessClaims.Role, "operator"), new Claim(AccessClaims.AllInstances, "true"));

        var section = Render<InstancesSection>();

        Assert.Single(section.FindAll("[data-testid=instance-card]"));
        Assert.Empty(section.FindAll("[data-testid=secrets-panel]"));
    }

    private static AngleSharp.Dom.IElement Secret(IRenderedComponent<InstancesSection> section, string field) =>
        section.Find($"[data-testid=secret][data-field={field}]");

    private static async Task SaveAsync(IRenderedComponent<InstancesSection> section, string field, string value)
    {
        Secret(section, field).QuerySelector("[data-testid=secret-edit]")!.Click();
        section.Find($"[data-testid=secret][data-field={field}] input[name=secret-value]").Change(value);
        await section.Find($"[data-testid=secret][data-field={field}] [data-testid=secret-form]").SubmitAsync();
    }

    /// <summary>A second writable store in front of the memory one, which can stop answering as a locked keyring does.</summary>
    private sealed class SwitchableStore(ISecretStore inner) : ISecretStore
    {
        public string? Unavailable { get; set; }

        public string Scheme => "keyring";

        public bool IsWritable => true;

        public Task<SecretValue?> ReadAsync(string key, CancellationToken cancellationToken) => Answering().ReadAsync(key, cancellationToken);

        public Task WriteAsync(string key, SecretValue value, CancellationToken cancellationToken) => Answering().WriteAsync(key, value, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => Answering().DeleteAsync(key, cancellationToken);

        private ISecretStore Answering() => Unavailable is { } reason ? throw new SecretStoreUnavailableException(reason) : inner;
    }
}
