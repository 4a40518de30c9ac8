using Bunit;
using FlowForge.Core.Access;
using FlowForge.Core.Auditing;
using FlowForge.Web.Components.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Web.Tests.Settings;

public sealed class ApiKeysSectionTests : SettingsTestContext
{
    [Fact]
    public async Task The_list_never_shows_a_secret_or_its_hash()
    {
        SignInAsAdmin();
        var keys = Services.GetRequiredService<ApiKeyService>();
        var ci = await keys.CreateAsync(new ApiKeyDraft("ci-bot", "operator", 30, ["acme"]), "ada", CancellationToken.None);
        var viewer = await keys.CreateAsync(new ApiKeyDraft("wallboard", "viewer", null, null), "ada", CancellationToken.None);

        var section = Render<ApiKeysSection>();

        var rows = section.FindAll("[data-testid=key]");
        Assert.Equal(2, rows.Count);
        var ciRow = rows.Single(row => row.GetAttribute("data-key-id") == ci.Key.Id);
        Assert.Contains("operator", ciRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("acme", ciRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("in 30 d", ciRow.TextContent, StringComparison.Ordinal);
        foreach (var created in new[] { ci, viewer })
        {
            Assert.True(ApiKeyToken.TryParse(created.Token, out _, out var secret));
            Assert.DoesNotContain(secret, section.Markup, StringComparison.Ordinal);
            var hash = KeyStore.Stored.Single(stored => stored.Key.Id == created.Key.Id).SecretHash;
            Assert.DoesNotContain(Convert.ToHexString(hash), section.Markup, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(hash), section.Markup, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_new_key_is_shown_once_with_a_copy_button_and_audited_with_its_id()
    {
        SignInAsAdmin();
        var section = Render<ApiKeysSection>();

        section.Find("[data-testid=open-create-key]").Click();
        section.Find("input[name=name]").Change("ci-bot");
        section.Find("select[name=role]").Change("operator");
        section.Find("input[name=expiresInDays]").Change("30");
        await section.Find("[data-testid=create-key]").ClickAsync();

        var token = section.Find("[data-testid=new-key-value]").GetAttribute("value")!;
        Assert.True(ApiKeyToken.TryParse(token, out var id, out _));
        Assert.Contains("never show it again", section.Find("[data-testid=new-key]").TextContent, StringComparison.Ordinal);
        await section.Find("[data-testid=copy-key]").ClickAsync();
        Assert.Equal(token, JSInterop.VerifyInvoke("navigator.clipboard.writeText").Arguments[0]);
        Assert.Contains("Copied", section.Find("[data-testid=new-key]").TextContent, StringComparison.Ordinal);

        var entry = Assert.Single(Audit.Entries);
        Assert.Equal((AuditActions.KeyCreate, AuditOutcomes.Succeeded, 201), (entry.Action, entry.Outcome, entry.StatusCode));
        Assert.Equal(
            new Dictionary<string, string> { ["name"] = "ci-bot", ["role"] = "operator", ["expiresInDays"] = "30", ["instances"] = string.Empty, ["keyId"] = id },
            entry.Parameters);

        section.Find("[data-testid=dismiss-key]").Click();
        Assert.Empty(section.FindAll("[data-testid=new-key-value]"));
        Assert.DoesNotContain(token, section.Markup, StringComparison.Ordinal);
        Assert.Single(section.FindAll($"[data-testid=key][data-key-id='{id}']"));
    }

    [Fact]
    public async Task Invalid_key_values_are_said_at_their_fields()
    {
        SignInAsAdmin();
        var section = Render<ApiKeysSection>();

        section.Find("[data-testid=open-create-key]").Click();
        section.Find("input[name=expiresInDays]").Change("9999");
        await section.Find("[data-testid=create-key]").ClickAsync();

        Assert.Equal("The name must be 1-100 characters.", section.Find("#key-name-error").TextContent);
        Assert.Contains("1 to 730 days", section.Find("#key-expires-error").TextContent, StringComparison.Ordinal);
        Assert.Empty(section.FindAll("[data-testid=new-key-value]"));
        Assert.Equal((AuditActions.KeyCreate, AuditOutcomes.Failed, 400), (Audit.Entries[0].Action, Audit.Entries[0].Outcome, Audit.Entries[0].StatusCode));
    }

    [Fact]
    public async Task Revoking_asks_first_and_is_audited()
    {
        SignInAsAdmin();
        var created = await Services.GetRequiredService<ApiKeyService>().CreateAsync(new ApiKeyDraft("old", "viewer", null, null), "ada", CancellationToken.None);
        var section = Render<ApiKeysSection>();

        section.Find("[data-testid=revoke-key]").Click();
        Assert.Contains("is refused from now on", section.Find("[data-testid=confirm]").TextContent, StringComparison.Ordinal);
        await section.Find("[data-testid=confirm-yes]").ClickAsync();

        Assert.Equal("revoked", section.Find("[data-testid=key]").GetAttribute("data-state"));
        Assert.Empty(section.FindAll("[data-testid=revoke-key]"));
        var entry = Assert.Single(Audit.Entries);
        Assert.Equal((AuditActions.KeyRevoke, 204), (entry.Action, entry.StatusCode));
        Assert.Equal(new Dictionary<string, string> { ["keyId"] = created.Key.Id, ["name"] = "old" }, entry.Parameters);
    }

    [Fact]
    public async Task Revoking_the_key_one_is_signed_in_with_warns_of_being_signed_out()
    {
        SignInAsAdmin();
        var now = Time.GetUtcNow();
        await KeyStore.AddAsync(new ApiKey("adminkey0001", "ada", AccessRole.Admin, [], now, "cli", now.AddDays(90)), [1, 2, 3], CancellationToken.None);
        var section = Render<ApiKeysSection>();

        section.Find("[data-testid=revoke-key]").Click();

        Assert.Contains("This is the key you are signed in with", section.Find("[data-testid=confirm]").TextContent, StringComparison.Ordinal);
        section.Find("[data-testid=confirm-no]").Click();
        Assert.Empty(section.FindAll("[data-testid=confirm]"));
        Assert.Empty(Audit.Entries);
    }

    [Fact]
    public void Without_authentication_the_page_says_keys_matter_only_with_api_keys_mode_and_how_to_turn_it_on()
    {
        SignInAsLocalAdmin();

        var note = Render<ApiKeysSection>().Find("[data-testid=auth-off]");

        Assert.Contains("FlowForge__Auth__Mode=ApiKeys", note.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Signed_in_with_a_key_there_is_no_such_note()
    {
        SignInAsAdmin();

        Assert.Empty(Render<ApiKeysSection>().FindAll("[data-testid=auth-off]"));
    }
}
