using Bunit;
using FlowForge.Abstractions.Domain;
using FlowForge.Core.Access;
using FlowForge.Core.Events;
using FlowForge.Web.Components.Pages;
using FlowForge.Web.Tests.Fakes;
using Microsoft.AspNetCore.Components;

namespace FlowForge.Web.Tests.PipelineView;

public sealed class PipelineDetailTests : DashboardContext
{
    [Fact]
    public void Runs_are_listed_newest_first_and_more_load_on_request()
    {
        SignIn(AccessRole.Viewer);
        for (var i = 1; i <= 30; i++)
        {
            Store.Add(NewRun(Deploy, $"r{i}", i, age: TimeSpan.FromHours(40 - i)));
        }

        var page = RenderPipeline();

        var rows = page.FindAll("[data-testid=run-row]");
        Assert.Equal(25, rows.Count);
        Assert.Equal("r30", rows[0].GetAttribute("data-run-id"));
        Assert.Equal("pipelines/acme/deploy/runs/r30", rows[0].QuerySelector("a")!.GetAttribute("href"));

        page.Find("[data-testid=load-more]").Click();

        Assert.Equal(30, page.FindAll("[data-testid=run-row]").Count);
        Assert.Empty(page.FindAll("[data-testid=load-more]"));
        Assert.Equal("100 %", page.Find("[data-testid=success-rate] .rate-value").TextContent);
    }

    [Fact]
    public void Filters_are_applied_by_the_store()
    {
        SignIn(AccessRole.Viewer);
        Store.Add(NewRun(Deploy, "ok", 1, RunStatus.Succeeded, branch: "main", actor: "ada"));
        Store.Add(NewRun(Deploy, "bad", 2, RunStatus.Failed, branch: "feature/x", actor: "grace"));
        var page = RenderPipeline();

        page.Find("#filter-status").Change(nameof(RunStatus.Failed));
        Assert.Equal(["bad"], page.FindAll("[data-testid=run-row]").Select(row => row.GetAttribute("data-run-id")));
        Assert.Equal(RunStatus.Failed, Store.Queries[^1].Status);

        page.Find("#filter-actor").Change("ADA");
        Assert.Empty(page.FindAll("[data-testid=run-row]"));
        Assert.Equal("No runs match these filters.", page.Find("[data-testid=no-runs]").TextContent);

        page.Find("#filter-range").Change("24h");
        Assert.Equal((T0.AddHours(-24), "ADA"), (Store.Queries[^1].Since, Store.Queries[^1].Actor));

        page.Find("button.clear").Click();
        Assert.Equal(2, page.FindAll("[data-testid=run-row]").Count);
    }

    [Fact]
    public void The_trigger_button_is_there_for_operators_of_providers_that_can_trigger()
    {
        SignIn(AccessRole.Operator);

        var page = RenderPipeline();
        page.Find("[data-testid=trigger-button]").Click();

        Assert.NotNull(page.Find("[data-testid=trigger-form]"));
        Assert.Empty(RenderPipeline(Plain).FindAll("[data-testid=trigger-button]"));
    }

    [Fact]
    public void Until_the_page_is_live_the_trigger_button_is_disabled()
    {
        SignIn(AccessRole.Operator);
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var button = RenderPipeline().Find("[data-testid=trigger-button]");

        Assert.True(button.HasAttribute("disabled"), "A click on the prerendered page would do nothing.");
    }

    [Fact]
    public void A_viewer_gets_no_trigger_button()
    {
        SignIn(AccessRole.Viewer);

        Assert.Empty(RenderPipeline().FindAll("[data-testid=trigger-button]"));
    }

    [Fact]
    public async Task New_and_changed_runs_appear_without_reload()
    {
        SignIn(AccessRole.Viewer);
        var running = NewRun(Deploy, "r1", 1, RunStatus.Running, age: TimeSpan.FromMinutes(5));
        Store.Add(running);
        var page = RenderPipeline();

        var finished = running with { Status = RunStatus.Failed, FinishedAt = T0 };
        var added = NewRun(Deploy, "r2", 2, RunStatus.Queued, age: TimeSpan.FromMinutes(1));
        var elsewhere = NewRun(Plain, "p9", 9, RunStatus.Queued);
        await Bus.PublishAsync(
            [
                new FlowEvent(FlowEventType.RunFinished, "acme", Deploy, T0, finished, RunStatus.Running),
                new FlowEvent(FlowEventType.RunQueued, "acme", Deploy, T0, added),
                new FlowEvent(FlowEventType.RunQueued, "plain", Plain, T0, elsewhere),
            ],
            Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => Assert.Equal(
            [("r2", "queued"), ("r1", "failed")],
            page.FindAll("[data-testid=run-row]").Select(row => (row.GetAttribute("data-run-id"), row.GetAttribute("data-status")))));
        Assert.Equal("0 %", page.Find("[data-testid=success-rate] .rate-value").TextContent);
    }

    [Fact]
    public void An_unknown_pipeline_is_not_found()
    {
        SignIn(AccessRole.Viewer);

        Assert.Equal("Pipeline not found", RenderPipeline(new PipelineKey("acme", "nope")).Find("h1").TextContent);
    }

    private IRenderedComponent<PipelineDetail> RenderPipeline(PipelineKey? pipeline = null)
    {
        var key = pipeline ?? Deploy;
        return Render<PipelineDetail>(parameters => parameters.Add(p => p.InstanceId, key.InstanceId).Add(p => p.PipelineId, key.NativeId));
    }
}
