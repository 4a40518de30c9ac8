using Bunit;
using FlowForge.Abstractions.Domain;
using FlowForge.Web.Components.Settings;

namespace FlowForge.Web.Tests.Settings;

public sealed class WatchPickerTests : BunitContext
{
    private static readonly IReadOnlyList<WatchableSource> Sources =
    [
        new("acme/api", "acme/api", "The public API", "main", null, false),
        new("acme/web", "acme/web", "Storefront", "main", null, false),
        new("acme/legacy-api", "acme/legacy-api", null, "master", null, true),
        new("octo/tools", "octo/tools", "Scripts", "main", null, false),
    ];

    public WatchPickerTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void The_search_narrows_the_list_and_select_all_picks_only_what_is_shown()
    {
        WatchSelection? saved = null;
        var picker = RenderPicker(new WatchSelection(false, ["octo/tools"]), selection => saved = selection);

        picker.Find("input[type=search]").Input("api");
        Assert.Equal(["acme/api", "acme/legacy-api"], Shown(picker));

        picker.Find("[data-testid=select-shown]").Click();
        picker.Find("[data-testid=save-watch]").Click();

        Assert.Equal(new WatchSelection(false, ["acme/api", "acme/legacy-api", "octo/tools"]).Sources, saved!.Sources);
        Assert.False(saved.All);
    }

    [Fact]
    public void Clear_shown_unticks_only_the_matches()
    {
        WatchSelection? saved = null;
        var picker = RenderPicker(new WatchSelection(false, ["acme/api", "acme/web", "octo/tools"]), selection => saved = selection);

        picker.Find("input[type=search]").Input("acme");
        picker.Find("[data-testid=clear-shown]").Click();
        picker.Find("[data-testid=save-watch]").Click();

        Assert.Equal(["octo/tools"], saved!.Sources);
    }

    [Fact]
    public void Ticking_and_unticking_one_source_changes_the_count()
    {
        var picker = RenderPicker(new WatchSelection(false, []), _ => { });

        Assert.Contains("0 of 4 selected", picker.Find("[data-testid=watch-count]").TextContent, StringComparison.Ordinal);
        picker.Find("li[data-source-id='acme/web'] input").Change(true);
        Assert.Contains("1 of 4 selected", picker.Find("[data-testid=watch-count]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Nothing is selected", RenderPicker(new WatchSelection(false, []), _ => { }).Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Watching_everything_disables_the_list_and_saves_all_including_new_ones()
    {
        WatchSelection? saved = null;
        var picker = RenderPicker(new WatchSelection(false, ["acme/api"]), selection => saved = selection);

        var toggle = picker.Find("input[role=switch]");
        Assert.Contains("including new ones", picker.Find($"label[for='{toggle.Id}']").TextContent, StringComparison.Ordinal);
        toggle.Change(true);

        Assert.All(picker.FindAll("[data-testid=watch-list] input"), box =>
        {
            Assert.True(box.HasAttribute("disabled"));
            Assert.True(box.HasAttribute("checked"));
        });
        Assert.True(picker.Find("[data-testid=select-shown]").HasAttribute("disabled"));

        picker.Find("[data-testid=save-watch]").Click();
        Assert.True(saved!.All);
    }

    [Fact]
    public void A_chosen_source_the_token_no_longer_sees_stays_chosen_and_says_so()
    {
        WatchSelection? saved = null;
        var picker = RenderPicker(new WatchSelection(false, ["acme/gone"]), selection => saved = selection);

        var gone = picker.Find("li[data-source-id='acme/gone']");
        Assert.Contains("no longer visible to the token", gone.TextContent, StringComparison.Ordinal);
        Assert.True(gone.QuerySelector("input")!.HasAttribute("checked"));

        picker.Find("[data-testid=save-watch]").Click();
        Assert.Equal(["acme/gone"], saved!.Sources);
    }

    private static List<string> Shown(IRenderedComponent<WatchPicker> picker) =>
        [.. picker.FindAll("[data-testid=watch-list] li").Select(item => item.GetAttribute("data-source-id")!)];

    private IRenderedComponent<WatchPicker> RenderPicker(WatchSelection current, Action<WatchSelection> onSave) =>
        Render<WatchPicker>(parameters => parameters
            .Add(p => p.InstanceId, "acme")
            .Add(p => p.Sources, Sources)
            .Add(p => p.Current, current)
            .Add(p => p.OnSave, onSave));
}
