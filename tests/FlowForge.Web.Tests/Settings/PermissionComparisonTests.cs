using Bunit;
using FlowForge.Abstractions.Providers;
using FlowForge.Web.Components.Settings;
using FlowForge.Web.Tests.Settings.Fakes;

namespace FlowForge.Web.Tests.Settings;

public sealed class PermissionComparisonTests : BunitContext
{
    public PermissionComparisonTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void A_classic_token_shows_its_scopes_granted_or_missing_and_fine_grained_permissions_unknown()
    {
        var verdicts = PermissionComparison.Compare(TestProvider.GitHub.Permissions, ["repo", "workflow"])
            .ToDictionary(verdict => verdict.Requirement.Permission, verdict => verdict.State);

        Assert.Equal(PermissionState.Granted, verdicts["repo (classic token)"]);
        Assert.Equal(PermissionState.Missing, verdicts["admin:repo_hook (classic token) or Webhooks: read and write (fine-grained token)"]);
        Assert.Equal(PermissionState.Unknown, verdicts["Actions: read (fine-grained token)"]);
        Assert.Equal(PermissionState.Unknown, verdicts["Metadata: read (fine-grained token)"]);
    }

    [Fact]
    public void A_token_that_reports_no_scopes_leaves_every_permission_unknown()
    {
        Assert.All(
            PermissionComparison.Compare(TestProvider.GitHub.Permissions, []),
            verdict => Assert.Equal(PermissionState.Unknown, verdict.State));
    }

    [Theory]
    [InlineData("admin:repo_hook", "admin:repo_hook", true)]
    [InlineData("ADMIN:repo_hook", "admin:repo_hook", true)]
    [InlineData("admin:repo_hook", "write:repo_hook", true)]
    [InlineData("write:repo_hook", "read:repo_hook", true)]
    [InlineData("read:repo_hook", "write:repo_hook", false)]
    [InlineData("repo", "repo:status", true)]
    [InlineData("repo:status", "repo", false)]
    [InlineData("write:org", "write:repo_hook", false)]
    public void A_held_scope_covers_itself_its_children_and_lower_levels(string held, string needed, bool covers) =>
        Assert.Equal(covers, PermissionComparison.Covers(held, needed));

    [Fact]
    public void The_check_shows_each_feature_with_its_state_in_words_and_what_it_enables()
    {
        var panel = Render<TokenCheckPanel>(parameters => parameters
            .Add(p => p.InstanceId, "acme")
            .Add(p => p.Descriptor, TestProvider.GitHub)
            .Add(p => p.Result, new TokenCheckResult(new CredentialCheck("octocat", ["repo"]), null, null)));

        Assert.Contains("It belongs to octocat", panel.Find("[data-testid=token-valid]").TextContent, StringComparison.Ordinal);
        var rows = panel.FindAll("[data-testid=permission]");
        Assert.Equal(TestProvider.GitHub.Permissions.Count, rows.Count);
        var repo = rows.Single(row => row.QuerySelector("th")!.TextContent == "repo (classic token)");
        Assert.Equal("granted", repo.GetAttribute("data-state"));
        Assert.Equal("Granted", repo.QuerySelector(".status")!.TextContent);
        Assert.StartsWith("Lists private repositories", repo.QuerySelectorAll("td")[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("missing", rows.Single(row => row.QuerySelector("th")!.TextContent.StartsWith("admin:repo_hook", StringComparison.Ordinal)).GetAttribute("data-state"));
        Assert.Contains("1 granted · 1 missing · 4 unknown.", panel.Markup, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-testid=no-scopes]"));
    }

    [Fact]
    public void A_token_without_scopes_is_explained_rather_than_shown_as_missing_everything()
    {
        var panel = Render<TokenCheckPanel>(parameters => parameters
            .Add(p => p.InstanceId, "acme")
            .Add(p => p.Descriptor, TestProvider.GitHub)
            .Add(p => p.Result, new TokenCheckResult(new CredentialCheck("octocat", []), null, null)));

        Assert.Contains("Fine-grained tokens", panel.Find("[data-testid=no-scopes]").TextContent, StringComparison.Ordinal);
        Assert.All(panel.FindAll("[data-testid=permission]"), row => Assert.Equal("unknown", row.GetAttribute("data-state")));
    }

    [Fact]
    public void A_refused_token_says_why_and_claims_no_permission()
    {
        var panel = Render<TokenCheckPanel>(parameters => parameters
            .Add(p => p.InstanceId, "acme")
            .Add(p => p.Descriptor, TestProvider.GitHub)
            .Add(p => p.Result, new TokenCheckResult(null, "GitHub refused the token (401).", 401)));

        Assert.Contains("The provider refused the token: GitHub refused the token (401).", panel.Markup, StringComparison.Ordinal);
        Assert.All(panel.FindAll("[data-testid=permission]"), row => Assert.Equal("unchecked", row.GetAttribute("data-state")));
    }
}
