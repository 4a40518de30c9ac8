using Bunit;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Auditing;
using FlowForge.Web.Components.Settings;

namespace FlowForge.Web.Tests.Settings;

public sealed class InstancesSectionTests : SettingsTestContext
{
    [Fact]
    public async Task Adding_with_invalid_values_shows_the_services_messages_per_field_and_leaves_one_failed_audit_entry()
    {
        SignInAsAdmin();
        var section = Render<InstancesSection>();

        section.Find("[data-testid=add-instance]").Click();
        section.Find("input[name=id]").Change("Not An Id");
        await section.Find("[data-testid=instance-form]").SubmitAsync();

        Assert.Contains("The id must be", section.Find("#new-instance-id-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("Token is required.", section.Find("#new-instance-token-error").TextContent);
        var entry = Assert.Single(Audit.Entries);
        Assert.Equal((AuditActions.InstanceAdd, AuditOutcomes.Failed, 400), (entry.Action, entry.Outcome, entry.StatusCode));
        Assert.Equal("One or more values are invalid. Fields: id, settings.token.", entry.Detail);
        Assert.Null(Repository["not an id"]);
    }

    [Fact]
    public async Task Adding_stores_the_token_as_a_secret_and_audits_it_masked()
    {
        SignInAsAdmin();
        var section = Render<InstancesSection>();

        section.Find("[data-testid=add-instance]").Click();
        section.Find("input[name=id]").Change("acme");
        section.Find("input[name='settings.token']").Change("ghp_typed_secret");
        section.Find("input[name='settings.owners']").Change("acme");
        await section.Find("[data-testid=instance-form]").SubmitAsync();

        var stored = Repository["acme"]!;
        Assert.DoesNotContain("ghp_typed_secret", stored.SecretReferences.Values);
        Assert.Contains(Secrets.Values.Values, value => value.Reveal() == "ghp_typed_secret");
        var entry = Assert.Single(Audit.Entries);
        Assert.Equal((AuditActions.InstanceAdd, AuditOutcomes.Succeeded, 201, "acme"), (entry.Action, entry.Outcome, entry.StatusCode, entry.InstanceId));
        Assert.Equal(InstanceAuditParameters.Masked, entry.Parameters["settings.token"]);
        Assert.Equal("acme", entry.Parameters["settings.owners"]);
        Assert.Single(section.FindAll("[data-testid=instance-card][data-instance-id=acme]"));
        Assert.DoesNotContain("ghp_typed_secret", section.Markup, StringComparison.Ordinal);

        // Next step of setting up: the token check is open.
        Assert.Single(section.FindAll("[data-testid=check-token]"));
    }

    [Fact]
    public async Task A_taken_id_is_said_at_the_id()
    {
        SignInAsAdmin();
        await AddInstanceAsync("acme");
        var section = Render<InstancesSection>();

        section.Find("[data-testid=add-instance]").Click();
        section.Find("input[name=id]").Change("acme");
        section.Find("input[name='settings.token']").Change("ghp_other");
        await section.Find("[data-testid=instance-form]").SubmitAsync();

        Assert.Contains("already exists", section.Find("#new-instance-id-error").TextContent, StringComparison.Ordinal);
        Assert.Equal((AuditOutcomes.Failed, 409), (Audit.Entries[0].Outcome, Audit.Entries[0].StatusCode));
    }

    [Fact]
    public async Task Editing_keeps_the_secret_unless_a_new_one_is_typed_and_audits_only_the_change()
    {
        SignInAsAdmin();
        var before = await AddInstanceAsync("acme");
        var section = Render<InstancesSection>();

        section.Find("[data-testid=edit-instance]").Click();
        section.Find("input[name=displayName]").Change("Acme");
        await section.Find("[data-testid=instance-form]").SubmitAsync();

        var after = Repository["acme"]!;
        Assert.Equal("Acme", after.DisplayName);
        Assert.Equal(before.SecretReferences, after.SecretReferences);
        var entry = Assert.Single(Audit.Entries);
        Assert.Equal((AuditActions.InstanceUpdate, AuditOutcomes.Succeeded, 200), (entry.Action, entry.Outcome, entry.StatusCode));
        Assert.Equal(new Dictionary<string, string> { ["displayName"] = "Acme" }, entry.Parameters);
        Assert.Empty(section.FindAll("[data-testid=instance-form]"));
    }

    [Fact]
    public async Task Checking_the_token_compares_its_scopes_and_is_audited()
    {
        SignInAsAdmin();
        await AddInstanceAsync("acme");
        Provider.Check = () => new CredentialCheck("octocat", ["repo"]);
        var section = Render<InstancesSection>();

        section.Find("[data-testid=open-token]").Click();
        await section.Find("[data-testid=check-token]").ClickAsync();

        Assert.Equal("granted", section.Find("[data-testid=permission]").GetAttribute("data-state"));
        var entry = Assert.Single(Audit.Entries);
        Assert.Equal((AuditActions.InstanceValidate, 200, "true"), (entry.Action, entry.StatusCode, entry.Parameters["valid"]));
    }

    [Fact]
    public async Task A_refused_token_is_an_answer_audited_as_not_valid()
    {
        SignInAsAdmin();
        await AddInstanceAsync("acme");
        Provider.Check = () => throw new ProviderException(ProviderErrorKind.AuthenticationFailed, "GitHub refused the token.") { UpstreamStatusCode = 401 };
        var section = Render<InstancesSection>();

        section.Find("[data-testid=open-token]").Click();
        await section.Find("[data-testid=check-token]").ClickAsync();

        Assert.Contains("The provider refused the token: GitHub refused the token.", section.Markup, StringComparison.Ordinal);
        var entry = Assert.Single(Audit.Entries);
        Assert.Equal((AuditOutcomes.Succeeded, "false", 401), (entry.Outcome, entry.Parameters["valid"], entry.UpstreamStatusCode));
    }

    [Fact]
    public async Task Choosing_what_to_watch_saves_the_selection_as_an_audited_update()
    {
        SignInAsAdmin();
        await AddInstanceAsync("acme");
        Provider.Sources =
        [
            new("acme/api", "acme/api", null, "main", null, false),
            new("acme/web", "acme/web", null, "main", null, false),
        ];
        var section = Render<InstancesSection>();

        await section.Find("[data-testid=open-watch]").ClickAsync();
        section.Find("input[role=switch]").Change(false);
        section.Find("li[data-source-id='acme/web'] input").Change(true);
        await section.Find("[data-testid=save-watch]").ClickAsync();

        Assert.Equal(new WatchSelection(false, ["acme/web"]).Sources, Repository["acme"]!.Watch.Sources);
        Assert.False(Repository["acme"]!.Watch.All);
        var entry = Assert.Single(Audit.Entries);
        Assert.Equal((AuditActions.InstanceUpdate, "acme/web"), (entry.Action, entry.Parameters["watch"]));
        Assert.Contains("1 chosen source", section.Find("[data-testid=instance-card]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_asks_first_explains_what_goes_and_is_audited()
    {
        SignInAsAdmin();
        await AddInstanceAsync("acme");
        var section = Render<InstancesSection>();

        section.Find("[data-testid=remove-instance]").Click();
        Assert.Contains("secrets it kept in its secret store", section.Find("[data-testid=confirm]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(Repository["acme"]);

        await section.Find("[data-testid=confirm-yes]").ClickAsync();

        Assert.Null(Repository["acme"]);
        Assert.Empty(Secrets.Values);
        Assert.Empty(section.FindAll("[data-testid=instance-card]"));
        Assert.Equal((AuditActions.InstanceRemove, 204), (Audit.Entries.Single().Action, Audit.Entries.Single().StatusCode));
    }

    [Fact]
    public async Task Sync_now_leaves_one_audit_entry_and_reports_what_happened()
    {
        SignInAsAdmin();
        await AddInstanceAsync("acme");
        var section = Render<InstancesSection>();

        await section.Find("[data-testid=sync-now]").ClickAsync();

        section.WaitForAssertion(() => Assert.Contains("The sync failed", section.Find(".sync-message").TextContent, StringComparison.Ordinal));
        var entry = Assert.Single(Audit.Entries);
        Assert.Equal((AuditActions.InstanceSync, AuditOutcomes.Succeeded, "acme"), (entry.Action, entry.Outcome, entry.InstanceId));
    }

    [Fact]
    public async Task An_admin_limited_to_instances_sees_only_those_and_cannot_add()
    {
        await AddInstanceAsync("acme");
        await AddInstanceAsync("other");
        SignInAsAdmin("acme");

        var section = Render<InstancesSection>();

        Assert.Equal(["acme"], section.FindAll("[data-testid=instance-card]").Select(card => card.GetAttribute("data-instance-id")!));
        Assert.Empty(section.FindAll("[data-testid=add-instance]"));
        Assert.Contains("limited to the instance acme", section.Find("[data-testid=scope-note]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_shows_health_sync_and_budget()
    {
        SignInAsAdmin();
        await AddInstanceAsync("acme");
        await Repository.SaveHealthAsync(
            "acme",
            new InstanceHealth(HealthState.Degraded, Time.GetUtcNow().AddMinutes(-1), Time.GetUtcNow().AddMinutes(-10), "GitHub is unavailable (503).",
                ProviderErrorKind.Unavailable, 2, new RateLimitSnapshot(5000, 4812, Time.GetUtcNow().AddMinutes(41), "core", Time.GetUtcNow())),
            CancellationToken.None);

        var card = Render<InstancesSection>().Find("[data-testid=instance-card]");

        Assert.Equal("Degraded", card.QuerySelector("[data-testid=health]")!.TextContent);
        Assert.Contains("GitHub is unavailable (503).", card.QuerySelector("[data-testid=last-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("10 min ago", card.TextContent, StringComparison.Ordinal);
        Assert.Equal("4,812 of 5,000 requests left (core)", card.QuerySelector("[data-testid=budget]")!.TextContent);
        Assert.Contains("Resets in 41 min", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("every 1 min", card.TextContent, StringComparison.Ordinal);
    }
}
