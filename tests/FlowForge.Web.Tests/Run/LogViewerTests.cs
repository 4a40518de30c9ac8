using Bunit;
using FlowForge.Abstractions.Domain;
using FlowForge.Web.Components.RunView;
using FlowForge.Web.Tests.Fakes;

namespace FlowForge.Web.Tests.RunView;

public sealed class LogViewerTests : DashboardContext
{
    [Fact]
    public void Lines_render_with_numbers_colours_and_markers()
    {
        var (run, job) = StoredJob(RunStatus.Failed);
        Provider.Connection.Logs[job.NativeId] = new JobLog("##[group]Build\n\u001b[31mboom\u001b[0m\n##[error]Process completed with exit code 1.\n", true);

        var viewer = Render<LogViewer>(parameters => parameters.Add(p => p.Pipeline, Deploy).Add(p => p.RunId, run.NativeId).Add(p => p.Job, job));

        viewer.WaitForAssertion(() => Assert.Equal(3, viewer.FindAll("[data-testid=log-line]").Count));
        var lines = viewer.FindAll("[data-testid=log-line]");
        Assert.Equal(["1", "2", "3"], lines.Select(line => line.QuerySelector(".ln")!.TextContent));
        Assert.Contains("k-group", lines[0].ClassList);
        Assert.Equal("boom", lines[1].QuerySelector(".ansi-31")!.TextContent);
        Assert.Contains("k-error", lines[2].ClassList);
        Assert.Equal("3", viewer.Find("[data-testid=log-viewer]").GetAttribute("data-lines"));
    }

    [Fact]
    public void Search_counts_highlights_and_steps_through_matches()
    {
        var (run, job) = StoredJob(RunStatus.Succeeded);
        Provider.Connection.Logs[job.NativeId] = new JobLog("test one passed\ntest two passed\nsummary: 2 passed\n", true);
        var viewer = Render<LogViewer>(parameters => parameters.Add(p => p.Pipeline, Deploy).Add(p => p.RunId, run.NativeId).Add(p => p.Job, job));
        viewer.WaitForAssertion(() => Assert.Equal(3, viewer.FindAll("[data-testid=log-line]").Count));

        viewer.Find("[data-testid=log-search]").Input("PASSED");

        Assert.Equal("1 of 3", viewer.Find("[data-testid=log-search-count]").TextContent);
        Assert.Equal(3, viewer.FindAll("mark").Count);
        Assert.Equal("1", viewer.Find("mark.current").Closest("[data-testid=log-line]")!.GetAttribute("data-line"));

        viewer.Find("[data-testid=log-search]").KeyDown("Enter");
        Assert.Equal("2 of 3", viewer.Find("[data-testid=log-search-count]").TextContent);
        Assert.Equal("2", viewer.Find("mark.current").Closest("[data-testid=log-line]")!.GetAttribute("data-line"));

        viewer.Find("[data-testid=log-search]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter", ShiftKey = true });
        viewer.Find("[data-testid=log-search]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter", ShiftKey = true });
        Assert.Equal("3 of 3", viewer.Find("[data-testid=log-search-count]").TextContent);

        viewer.Find("[data-testid=log-search]").Input("nowhere");
        Assert.Equal("No matches", viewer.Find("[data-testid=log-search-count]").TextContent);
        Assert.Empty(viewer.FindAll("mark"));
    }

    [Fact]
    public async Task A_running_jobs_log_is_fetched_again_every_two_seconds_and_grows()
    {
        var (run, job) = StoredJob(RunStatus.Running);
        Provider.Connection.Logs[job.NativeId] = new JobLog("step 1\n", false);
        var viewer = Render<LogViewer>(parameters => parameters.Add(p => p.Pipeline, Deploy).Add(p => p.RunId, run.NativeId).Add(p => p.Job, job));
        viewer.WaitForAssertion(() => Assert.Single(viewer.FindAll("[data-testid=log-line]")));

        Provider.Connection.Logs[job.NativeId] = new JobLog("step 1\nstep 2\nstep 3\n", false);
        Time.Advance(TimeSpan.FromSeconds(2));

        viewer.WaitForAssertion(() => Assert.Equal(3, viewer.FindAll("[data-testid=log-line]").Count));
        Assert.Contains("following the running job", viewer.Find(".log-status").TextContent, StringComparison.Ordinal);

        // Once the job finished, the log is read one last time and polling stops.
        Provider.Connection.Logs[job.NativeId] = new JobLog("step 1\nstep 2\nstep 3\ndone\n", true);
        viewer.Render(parameters => parameters.Add(p => p.Job, job with { Status = RunStatus.Succeeded, FinishedAt = T0 }));
        viewer.WaitForAssertion(() => Assert.Equal(4, viewer.FindAll("[data-testid=log-line]").Count));
        var reads = Provider.Connection.LogReads;
        Time.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(50, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(reads, Provider.Connection.LogReads);
    }

    [Fact]
    public void A_skipped_job_says_it_has_no_log_without_asking_the_provider()
    {
        var (run, job) = StoredJob(RunStatus.Skipped);

        var viewer = Render<LogViewer>(parameters => parameters.Add(p => p.Pipeline, Deploy).Add(p => p.RunId, run.NativeId).Add(p => p.Job, job));

        Assert.Contains("skipped", viewer.Find(".log-status").TextContent, StringComparison.Ordinal);
        Assert.Equal(0, Provider.Connection.LogReads);
    }

    [Fact]
    public void A_log_the_provider_cannot_serve_is_explained()
    {
        var (run, job) = StoredJob(RunStatus.Failed);
        Provider.Connection.LogFailure = new Abstractions.Providers.ProviderException(Abstractions.Providers.ProviderErrorKind.NotFound, "The log has expired.");

        var viewer = Render<LogViewer>(parameters => parameters.Add(p => p.Pipeline, Deploy).Add(p => p.RunId, run.NativeId).Add(p => p.Job, job));

        viewer.WaitForAssertion(() => Assert.Equal("Could not read the log: The log has expired.", viewer.Find("[role=alert]").TextContent));
    }

    private (Run Run, Job Job) StoredJob(RunStatus status)
    {
        var run = NewRun(Deploy, "r1", 1, status);
        var job = NewJob("j1", "build", status);
        Store.Add(run, job);
        return (run, job);
    }
}
