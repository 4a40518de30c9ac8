using Bunit;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Access;
using FlowForge.Core.Events;
using FlowForge.Web.Tests.Fakes;

namespace FlowForge.Web.Tests.RunView;

public sealed class RunDetailTests : DashboardContext
{
    [Fact]
    public void The_header_tells_status_commit_trigger_and_links_to_the_provider()
    {
        SignIn(AccessRole.Viewer);
        Store.Add(NewRun(Deploy, "r5", 5, RunStatus.Failed) with { Parameters = new Dictionary<string, string> { ["environment"] = "staging" } }, NewJob("j1", "build", RunStatus.Failed));

        var page = RenderRun("r5");

        Assert.Equal("failed", page.Find("[data-testid=run-status]").GetAttribute("data-status"));
        Assert.Contains("#5", page.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Equal("0123456", page.Find(".commit code").TextContent);
        Assert.Contains("Fix the thing", page.Find(".commit").TextContent, StringComparison.Ordinal);
        Assert.Contains("staging", page.Find(".parameters").TextContent, StringComparison.Ordinal);
        Assert.Equal("https://ci.example/runs/r5", page.Find("[data-testid=provider-link]").GetAttribute("href"));
        Assert.Contains("Fake CI", page.Find("[data-testid=provider-link]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_viewer_sees_no_actions()
    {
        SignIn(AccessRole.Viewer);
        Store.Add(NewRun(Deploy, "r5", 5, RunStatus.Failed), NewJob("j1", "build", RunStatus.Failed));
        Store.Add(NewRun(Deploy, "r6", 6, RunStatus.Running), NewJob("j2", "build", RunStatus.Running));

        Assert.Empty(RenderRun("r5").FindAll("[data-testid=rerun-button]"));
        Assert.Empty(RenderRun("r6").FindAll("[data-testid=cancel-button]"));
    }

    [Fact]
    public void An_operator_is_offered_the_reruns_the_provider_has_for_a_finished_run()
    {
        SignIn(AccessRole.Operator);
        Store.Add(NewRun(Deploy, "r5", 5, RunStatus.Failed), NewJob("j1", "build", RunStatus.Failed), NewJob("j2", "test", RunStatus.Succeeded));

        var page = RenderRun("r5");

        Assert.Equal(["all", "failedJobs", "job"], page.FindAll("[data-testid=rerun-button]").Select(button => button.GetAttribute("data-scope")));
        Assert.Equal("j1", page.Find("[data-testid=rerun-button][data-scope=job]").GetAttribute("data-job-id"));
        Assert.Empty(page.FindAll("[data-testid=cancel-button]"));

        // A succeeded run has no failed jobs to re-run; a provider with fewer scopes offers fewer buttons.
        Store.Add(NewRun(Deploy, "r7", 7, RunStatus.Succeeded), NewJob("j3", "build", RunStatus.Succeeded));
        Provider.Connection.RerunScopes = [RerunScope.All];
        Assert.Equal(["all"], RenderRun("r7").FindAll("[data-testid=rerun-button]").Select(button => button.GetAttribute("data-scope")));
    }

    [Fact]
    public void A_provider_that_cannot_act_gets_no_buttons_even_for_an_operator()
    {
        SignIn(AccessRole.Admin);
        Store.Add(NewRun(Plain, "p1", 1, RunStatus.Failed), NewJob("pj", "build", RunStatus.Failed));
        Store.Add(NewRun(Plain, "p2", 2, RunStatus.Running), NewJob("pk", "build", RunStatus.Running));

        Assert.Empty(RenderRun("p1", Plain).FindAll("[data-testid=rerun-button]"));
        Assert.Empty(RenderRun("p2", Plain).FindAll("[data-testid=cancel-button]"));
    }

    [Fact]
    public void Cancelling_asks_first_then_cancels_and_leaves_one_audit_entry()
    {
        SignIn(AccessRole.Operator);
        Store.Add(NewRun(Deploy, "r6", 6, RunStatus.Running), NewJob("j2", "build", RunStatus.Running));
        var page = RenderRun("r6");
        Assert.Empty(page.FindAll("[data-testid=rerun-button]"));

        page.Find("[data-testid=cancel-button]").Click();
        Assert.Empty(Provider.Connection.Cancels);
        page.Find("[data-testid=confirm-cancel]").Click();

        Assert.Equal([("r6", false)], Provider.Connection.Cancels);
        var entry = Assert.Single(Audit.Entries);
        Assert.Equal(("run.cancel", "succeeded", 202, 202, "r6", "acme/deploy", "ada"), (entry.Action, entry.Outcome, entry.StatusCode, entry.UpstreamStatusCode, entry.RunId, entry.PipelineKey, entry.Actor));
        Assert.Equal("false", entry.Parameters["force"]);
        Assert.Contains("Cancel requested", page.Find("[data-testid=action-done]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_stuck_cancelling_is_force_cancelled()
    {
        SignIn(AccessRole.Operator);
        Store.Add(NewRun(Deploy, "r6", 6, RunStatus.Canceling), NewJob("j2", "build", RunStatus.Canceling));
        var page = RenderRun("r6");

        Assert.Equal("true", page.Find("[data-testid=cancel-button]").GetAttribute("data-force"));
        page.Find("[data-testid=cancel-button]").Click();
        page.Find("[data-testid=confirm-cancel]").Click();

        Assert.Equal([("r6", true)], Provider.Connection.Cancels);
        Assert.Equal("true", Assert.Single(Audit.Entries).Parameters["force"]);
    }

    [Fact]
    public void A_rerun_the_provider_refuses_shows_why_and_is_audited_with_its_status()
    {
        SignIn(AccessRole.Operator);
        Store.Add(NewRun(Deploy, "r5", 5, RunStatus.Failed), NewJob("j1", "build", RunStatus.Failed));
        Provider.Connection.ActionFailure = new ProviderException(ProviderErrorKind.NotSupported, "This run is too old to re-run.") { UpstreamStatusCode = 403 };
        var page = RenderRun("r5");

        page.Find("[data-testid=rerun-button][data-scope=all]").Click();

        Assert.Equal("The provider does not support this. This run is too old to re-run.", page.Find("[data-testid=action-error]").TextContent);
        var entry = Assert.Single(Audit.Entries);
        Assert.Equal(("run.rerun", "failed", 409, 403), (entry.Action, entry.Outcome, entry.StatusCode, entry.UpstreamStatusCode));
        Assert.Equal("all", entry.Parameters["scope"]);
    }

    [Fact]
    public void A_job_waiting_for_someone_is_chosen_and_unblocked_by_an_operator_but_not_offered_to_a_viewer()
    {
        SignIn(AccessRole.Viewer);
        Store.Add(NewRun(Deploy, "r7", 7, RunStatus.Waiting), NewJob("j1", "build", RunStatus.Succeeded), NewJob("j2", "approve", RunStatus.Waiting));
        Assert.Empty(RenderRun("r7").FindAll("[data-testid=unblock-button]"));

        SignIn(AccessRole.Operator);
        var page = RenderRun("r7");
        var unblock = page.Find("[data-testid=unblock-button]");
        Assert.Equal("j2", unblock.GetAttribute("data-job-id"));
        unblock.Click();

        Assert.Equal([("r7", "j2")], Provider.Connection.Unblocks);
        var entry = Assert.Single(Audit.Entries);
        Assert.Equal(("job.unblock", "j2"), (entry.Action, entry.Parameters["job"]));
        Assert.Contains("approve", page.Find("[data-testid=action-done]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Rerunning_one_job_sends_the_selected_job()
    {
        SignIn(AccessRole.Operator);
        Store.Add(NewRun(Deploy, "r5", 5, RunStatus.Failed), NewJob("j1", "build", RunStatus.Succeeded), NewJob("j2", "test", RunStatus.Failed));
        var page = RenderRun("r5");

        // The failed job is chosen to start with; choosing another moves the re-run button to it.
        Assert.Equal("true", page.Find("[data-job-id=j2] .job-button").GetAttribute("aria-pressed"));
        page.Find("[data-job-id=j1] .job-button").Click();
        page.Find("[data-testid=rerun-button][data-scope=job]").Click();

        Assert.Equal([("r5", RerunScope.Job, (string?)"j1")], Provider.Connection.Reruns);
        Assert.Equal("j1", Assert.Single(Audit.Entries).Parameters["jobId"]);
    }

    [Fact]
    public async Task A_change_to_the_run_shows_without_reload()
    {
        SignIn(AccessRole.Viewer);
        var run = NewRun(Deploy, "r6", 6, RunStatus.Running);
        Store.Add(run, NewJob("j2", "build", RunStatus.Running));
        var page = RenderRun("r6");
        Assert.Equal("running", page.Find("[data-testid=run-status]").GetAttribute("data-status"));

        var finished = run with { Status = RunStatus.Failed, FinishedAt = T0 };
        Store.Add(finished, NewJob("j2", "build", RunStatus.Failed));
        await Bus.PublishAsync([new FlowEvent(FlowEventType.RunFinished, "acme", Deploy, T0, finished, RunStatus.Running)], Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => Assert.Equal("failed", page.Find("[data-testid=run-status]").GetAttribute("data-status")));
        Assert.Equal("failed", page.Find("[data-testid=job]").GetAttribute("data-status"));
    }

    [Fact]
    public async Task A_run_that_arrives_after_its_page_opened_shows_with_its_actions()
    {
        SignIn(AccessRole.Operator);
        var page = RenderRun("r8");
        Assert.Equal("Run not found", page.Find("h1").TextContent);

        var run = NewRun(Deploy, "r8", 8, RunStatus.Running);
        Store.Add(run, NewJob("j8", "build", RunStatus.Running));
        await Bus.PublishAsync([new FlowEvent(FlowEventType.RunStarted, "acme", Deploy, T0, run)], Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => Assert.Equal("running", page.Find("[data-testid=run-status]").GetAttribute("data-status")));
        Assert.NotNull(page.Find("[data-testid=cancel-button]"));
    }

    [Fact]
    public async Task A_run_the_key_may_not_see_is_not_found_even_when_it_changes()
    {
        Authorization.SetAuthorized("scoped");
        Authorization.SetClaims(new System.Security.Claims.Claim(AccessClaims.Role, "admin"), new System.Security.Claims.Claim(AccessClaims.Instance, "other"));
        var run = NewRun(Deploy, "r5", 5, RunStatus.Failed);
        Store.Add(run, NewJob("j1", "build", RunStatus.Failed));

        var page = RenderRun("r5");
        await Bus.PublishAsync([new FlowEvent(FlowEventType.RunFinished, "acme", Deploy, T0, run, RunStatus.Running)], Xunit.TestContext.Current.CancellationToken);

        Assert.Equal("Run not found", page.Find("h1").TextContent);
        Assert.Empty(page.FindAll("[data-testid=run-status]"));
    }

    private IRenderedComponent<Components.Pages.RunDetail> RenderRun(string runId, PipelineKey? pipeline = null)
    {
        var key = pipeline ?? Deploy;
        var page = Render<Components.Pages.RunDetail>(parameters => parameters
            .Add(p => p.InstanceId, key.InstanceId)
            .Add(p => p.PipelineId, key.NativeId)
            .Add(p => p.RunId, runId));

        // The log loads in the background (parsing runs off the renderer's thread); let it land before interacting.
        page.WaitForAssertion(() => Assert.DoesNotContain("Loading the log", page.Markup, StringComparison.Ordinal));
        return page;
    }
}
