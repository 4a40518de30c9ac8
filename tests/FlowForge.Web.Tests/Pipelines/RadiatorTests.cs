using Bunit;
using FlowForge.Abstractions.Domain;
using FlowForge.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Web.Tests.Pipelines;

public sealed class RadiatorTests : BunitContext
{
    private readonly PipelineWorld _world = new();

    public RadiatorTests()
    {
        _world.AddInstance("gh", "Demo GitHub");
        _world.AddInstance("gl", "GitLab", "gitlab");
        _world.AddPipeline("gh", "1", "acme/api", "CI", RunStatus.Succeeded);
        _world.AddPipeline("gh", "2", "acme/api", "Deploy", RunStatus.Running);
        _world.AddPipeline("gh", "3", "acme/web", "CI", RunStatus.Failed);
        _world.AddPipeline("gl", "4", "tools/cli", "Build", RunStatus.Cancelled);
        _world.Install(this);
    }

    [Fact]
    public void Tiles_show_failing_first_then_running_then_the_rest_with_the_status_in_words()
    {
        var radiator = Open();

        Assert.Equal(["gh/3", "gh/2", "gl/4", "gh/1"], Tiles(radiator));
        var first = radiator.Find("[data-testid=radiator-tile]");
        Assert.Equal("Failed", first.QuerySelector(".word")!.TextContent);
        Assert.Equal("CI", first.QuerySelector("h2")!.TextContent);
        Assert.Empty(radiator.FindAll("button, input, select"));
    }

    [Fact]
    public void An_instance_in_the_address_limits_the_tiles()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/radiator?instance=gl");

        var radiator = Open();

        Assert.Equal(["gl/4"], Tiles(radiator));
    }

    [Fact]
    public void Beyond_what_fits_the_rest_are_summed_up_in_one_tile()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/radiator?max=3");

        var radiator = Open();

        Assert.Equal(["gh/3", "gh/2"], Tiles(radiator));
        var more = radiator.Find("[data-testid=radiator-more]");
        Assert.Contains("+2 more", more.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 succeeded · 1 cancelled", more.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pipeline_that_fails_moves_to_the_front_without_a_reload()
    {
        var radiator = Open();

        await _world.ChangeRunAsync(new PipelineKey("gh", "1"), RunStatus.Failed);

        radiator.WaitForAssertion(() => Assert.Equal(["gh/1", "gh/3", "gh/2", "gl/4"], Tiles(radiator)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void The_heartbeat_keeps_relative_times_true()
    {
        var radiator = Open();
        Assert.Contains("6 min ago", radiator.Find("[data-pipeline-key='gh/3'] .meta").TextContent, StringComparison.Ordinal);

        _world.Time.Advance(TimeSpan.FromMinutes(5));

        radiator.WaitForAssertion(() => Assert.Contains("11 min ago", radiator.Find("[data-pipeline-key='gh/3'] .meta").TextContent, StringComparison.Ordinal));
    }

    /// <summary>The radiator once its first read (baselines come from the store in the background) has shown.</summary>
    private IRenderedComponent<Radiator> Open()
    {
        var radiator = Render<Radiator>();
        radiator.WaitForAssertion(() => Assert.NotEmpty(Tiles(radiator)));
        return radiator;
    }

    private static List<string?> Tiles(IRenderedComponent<Radiator> radiator) =>
        [.. radiator.FindAll("[data-testid=radiator-tile]").Select(tile => tile.GetAttribute("data-pipeline-key"))];
}
