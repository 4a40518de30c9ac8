using Bunit;
using FlowForge.Abstractions.Domain;
using PipelinesPage = FlowForge.Web.Components.Pages.Pipelines;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Web.Tests.Pipelines;

public sealed class PipelinesPageTests : BunitContext
{
    private readonly PipelineWorld _world = new();

    public PipelinesPageTests()
    {
        _world.AddInstance("gh", "Demo GitHub");
        _world.AddInstance("gl", "Self-hosted GitLab", "gitlab");
        _world.AddPipeline("gh", "1", "acme/api", "CI", RunStatus.Succeeded);
        _world.AddPipeline("gh", "2", "acme/api", "Deploy", RunStatus.Failed, message: "Bump the base image");
        _world.AddPipeline("gh", "3", "acme/web", "CI", RunStatus.Running);
        _world.AddPipeline("gl", "4", "tools/cli", "Build", RunStatus.Succeeded);
    }

    [Fact]
    public void Every_pipeline_is_a_row_with_its_status_run_and_link_and_the_counts_add_up()
    {
        _world.Install(this);

        var page = Open();

        ExpectRows(page, ["gh/1", "gh/2", "gh/3", "gl/4"]);
        var deploy = Row(page, "gh/2");
        Assert.Equal("Failed", deploy.QuerySelector(".status")!.TextContent);
        Assert.Contains("#1", deploy.TextContent, StringComparison.Ordinal);
        Assert.Contains("Bump the base image", deploy.TextContent, StringComparison.Ordinal);
        Assert.Equal("pipelines/gh/2", deploy.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("4", page.Find(".count-all .n").TextContent);
        Assert.Equal("1", page.Find(".count-failed .n").TextContent);
        Assert.Equal("2", page.Find(".count-succeeded .n").TextContent);
        Assert.Equal(["Demo GitHub", "Self-hosted GitLab"], Headers(page));
    }

    [Fact]
    public void Typing_in_the_search_box_narrows_the_list_at_once()
    {
        _world.Install(this);
        var page = Open();

        page.Find("input[data-shortcut=search]").Input("web");

        ExpectRows(page, ["gh/3"]);
        Assert.Contains("Showing 1 of 4", page.Find("[data-testid=pipeline-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_filter_control_has_a_label()
    {
        _world.Install(this);
        var page = Open();

        foreach (var control in page.FindAll("[data-testid=pipeline-filters] input, [data-testid=pipeline-filters] select"))
        {
            Assert.NotNull(page.Find($"label[for='{control.Id}']"));
        }
    }

    [Fact]
    public void A_status_count_filters_to_that_status_and_pressing_it_again_clears_it()
    {
        _world.Install(this);
        var page = Open();

        page.Find(".count-failed").Click();
        ExpectRows(page, ["gh/2"]);
        Assert.Equal("true", page.Find(".count-failed").GetAttribute("aria-pressed"));

        page.Find(".count-failed").Click();
        page.WaitForAssertion(() => Assert.Equal(4, RowKeys(page).Count));
    }

    [Fact]
    public void Provider_instance_and_only_failing_filters_apply()
    {
        _world.Install(this);
        var page = Open();

        page.Find("#pf-provider").Change("gitlab");
        ExpectRows(page, ["gl/4"]);

        page.Find("#pf-provider").Change("");
        page.Find("#pf-failing").Change(true);
        ExpectRows(page, ["gh/2"]);

        page.Find("button.clear").Click();
        page.Find("#pf-instance").Change("gh");
        ExpectRows(page, ["gh/1", "gh/2", "gh/3"]);
    }

    [Fact]
    public void Favourites_from_the_browser_are_pinned_first_and_the_star_saves_them()
    {
        _world.Install(this);
        JSInterop.Setup<string?>("flowforge.load", "favourites").SetResult("[\"gl/4\"]");
        var page = Open();

        page.WaitForAssertion(() => Assert.Equal(["gl/4", "gh/1", "gh/2", "gh/3"], RowKeys(page)));
        Assert.Equal("Pinned", page.Find("[data-testid=pipeline-group] h2").TextContent);

        Row(page, "gh/3").QuerySelector("button.fav")!.Click();

        ExpectRows(page, ["gh/3", "gl/4", "gh/1", "gh/2"]);
        var saved = JSInterop.VerifyInvoke("flowforge.save", calledTimes: 1)[0];
        Assert.Equal(["favourites", "[\"gh/3\",\"gl/4\"]"], saved.Arguments);
    }

    [Fact]
    public void The_grouping_switch_regroups_by_repository_or_not_at_all()
    {
        _world.Install(this);
        var page = Open();

        page.Find("#pf-group").Change("Repository");
        page.WaitForAssertion(() => Assert.Equal(["acme/api", "acme/web", "tools/cli"], Headers(page)));

        page.Find("#pf-group").Change("None");
        page.WaitForAssertion(() => Assert.Equal(["All pipelines"], Headers(page)));
    }

    [Fact]
    public async Task A_live_status_change_shows_in_place_and_the_filter_stays()
    {
        _world.Install(this);
        var page = Open();
        page.Find("input[data-shortcut=search]").Input("acme");
        ExpectRows(page, ["gh/1", "gh/2", "gh/3"]);

        await _world.ChangeRunAsync(new PipelineKey("gh", "3"), RunStatus.Failed);

        page.WaitForAssertion(() => Assert.Equal("failed", Row(page, "gh/3").GetAttribute("data-status")), TimeSpan.FromSeconds(5));
        Assert.Equal("acme", page.Find("input[data-shortcut=search]").GetAttribute("value"));
        ExpectRows(page, ["gh/1", "gh/2", "gh/3"]);
        Assert.Equal("2", page.Find(".count-failed .n").TextContent);
    }

    [Fact]
    public void A_key_limited_to_one_instance_sees_only_its_pipelines()
    {
        _world.Install(this, "gl");

        var page = Open();

        ExpectRows(page, ["gl/4"]);
        Assert.DoesNotContain("Demo GitHub", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Filters_given_in_the_address_apply_on_opening()
    {
        _world.Install(this);
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("/?status=succeeded&instance=gh");

        var page = Open();

        ExpectRows(page, ["gh/1"]);
    }

    /// <summary>The page once it settled: rendered, connected to the browser's storage, its list measured and shown.</summary>
    private IRenderedComponent<PipelinesPage> Open()
    {
        var page = Render<PipelinesPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(RowKeys(page)));
        return page;
    }

    private static List<string> Headers(IRenderedComponent<PipelinesPage> page) =>
        [.. page.FindAll("[data-testid=pipeline-group] h2").Select(h => h.TextContent)];

    /// <summary>The rows, once the virtualized list has shown them (it renders its items after measuring).</summary>
    private static void ExpectRows(IRenderedComponent<PipelinesPage> page, string[] keys) =>
        page.WaitForAssertion(() => Assert.Equal(keys, RowKeys(page)));

    private static List<string?> RowKeys(IRenderedComponent<PipelinesPage> page) =>
        [.. page.FindAll("[data-testid=pipeline-row]").Select(row => row.GetAttribute("data-pipeline-key"))];

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<PipelinesPage> page, string key) =>
        page.Find($"[data-testid=pipeline-row][data-pipeline-key='{key}']");
}
