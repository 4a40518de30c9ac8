using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Emulators.GitLab;
using FlowForge.Providers.GitLab.Tests.Infrastructure;

namespace FlowForge.Providers.GitLab.Tests;

/// <summary>Retry, play and cancel: one POST each, whose effect is read from the pipeline GitLab answers with.</summary>
public sealed class ActionTests
{
    private const string ManualDeploy = """
        build:
          stage: build
          script: make
        deploy:
          stage: deploy
          script: ./deploy
          when: manual
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retrying_a_failed_pipeline_runs_its_failed_jobs_again_in_the_same_pipeline()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var (pipeline, run) = await FinishedAsync(gitlab, GitLabStatus.Failed);
        var mark = gitlab.Mark();

        var result = await gitlab.Connection.RerunAsync(pipeline, run, RerunScope.FailedJobs, null, Cancel);

        Assert.Equal(201, result.UpstreamStatusCode);
        Assert.Equal(run.NativeId, result.RunNativeId);
        Assert.Equal([$"POST /api/v4/projects/{pipeline.Key.NativeId}/pipelines/{run.NativeId}/retry"], gitlab.RequestsSince(mark));
        var again = await gitlab.Connection.GetRunAsync(pipeline, run.NativeId, Cancel);
        Assert.True(again.Status.IsActive());
        var jobs = await gitlab.Connection.ListJobsAsync(pipeline, again, Cancel);
        Assert.Equal([RunStatus.Queued, RunStatus.Queued], jobs.Select(job => job.Status));
        // The failed build got a new try; the test job skipped because of it waits again.
        var all = gitlab.Scenario.GetPipeline(long.Parse(run.NativeId, CultureInfo.InvariantCulture)).Jobs;
        Assert.Equal([("build", true), ("test", false), ("build", false)], all.Select(job => (job.Name, job.Retried)));
    }

    [Fact]
    public async Task Retrying_a_pipeline_with_nothing_failed_is_not_supported()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var (pipeline, run) = await FinishedAsync(gitlab, GitLabStatus.Success);

        var error = await Assert.ThrowsAsync<ProviderException>(() => gitlab.Connection.RerunAsync(pipeline, run, RerunScope.All, null, Cancel));

        Assert.Equal(ProviderErrorKind.NotSupported, error.Kind);
        Assert.Equal(GitLabRunActions.NothingToRetry, error.Message);
        Assert.Equal(201, error.UpstreamStatusCode);
    }

    [Fact]
    public async Task One_finished_job_is_retried_and_a_manual_one_played()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var project = gitlab.AddProject(ManualDeploy);
        var pipeline = EmulatedGitLab.Pipeline(project);
        var started = gitlab.StartPipeline(project);
        gitlab.Scenario.BeginPipeline(started.Id);
        gitlab.Scenario.CompletePipeline(started.Id, GitLabStatus.Success);
        var run = await gitlab.Connection.GetRunAsync(pipeline, Id(started.Id), Cancel);
        var jobs = await gitlab.Connection.ListJobsAsync(pipeline, run, Cancel);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal([RunStatus.Succeeded, RunStatus.Waiting], jobs.Select(job => job.Status));
        var mark = gitlab.Mark();

        var played = await gitlab.Connection.RerunAsync(pipeline, run, RerunScope.Job, jobs[1].NativeId, Cancel);
        var retried = await gitlab.Connection.RerunAsync(pipeline, run, RerunScope.Job, jobs[0].NativeId, Cancel);

        Assert.Equal(200, played.UpstreamStatusCode);
        Assert.Equal(201, retried.UpstreamStatusCode);
        Assert.Equal(
            [
                $"GET /api/v4/projects/{project.Id}/jobs/{jobs[1].NativeId}",
                $"POST /api/v4/projects/{project.Id}/jobs/{jobs[1].NativeId}/play",
                $"GET /api/v4/projects/{project.Id}/jobs/{jobs[0].NativeId}",
                $"POST /api/v4/projects/{project.Id}/jobs/{jobs[0].NativeId}/retry",
            ],
            gitlab.RequestsSince(mark));
        var now = gitlab.Scenario.GetPipeline(started.Id);
        Assert.Equal(GitLabStatus.Pending, now.LatestJobs.Single(job => job.Name == "deploy").Status);
        Assert.Equal(GitLabStatus.Pending, now.LatestJobs.Single(job => job.Name == "build").Status);
    }

    [Fact]
    public async Task A_job_GitLab_will_not_retry_is_not_supported()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var project = gitlab.AddProject();
        var pipeline = EmulatedGitLab.Pipeline(project);
        var started = gitlab.StartPipeline(project);
        gitlab.Scenario.BeginPipeline(started.Id);
        var run = await gitlab.Connection.GetRunAsync(pipeline, Id(started.Id), Cancel);
        var running = (await gitlab.Connection.ListJobsAsync(pipeline, run, Cancel))[0];

        var error = await Assert.ThrowsAsync<ProviderException>(() => gitlab.Connection.RerunAsync(pipeline, run, RerunScope.Job, running.NativeId, Cancel));

        Assert.Equal(ProviderErrorKind.NotSupported, error.Kind);
        Assert.Contains("403 Forbidden - Job is not retryable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pipeline_halted_on_a_blocking_manual_job_is_waiting()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var project = gitlab.AddProject(ManualDeploy.Replace("when: manual", "when: manual\n  allow_failure: false", StringComparison.Ordinal));
        var pipeline = EmulatedGitLab.Pipeline(project);
        var started = gitlab.StartPipeline(project);
        gitlab.Scenario.BeginPipeline(started.Id);
        gitlab.Scenario.AdvancePipeline(started.Id);

        var run = Assert.Single(await gitlab.Connection.ListRecentRunsAsync([pipeline], 30, Cancel));

        Assert.Equal(RunStatus.Waiting, run.Status);
        Assert.Equal("manual", run.ProviderStatus);
        Assert.True(run.Status.IsActive());
    }

    [Fact]
    public async Task Unblocking_the_waiting_manual_job_plays_it_and_the_pipeline_goes_on()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var project = gitlab.AddProject(ManualDeploy.Replace("when: manual", "when: manual\n  allow_failure: false", StringComparison.Ordinal));
        var pipeline = EmulatedGitLab.Pipeline(project);
        var started = gitlab.StartPipeline(project);
        gitlab.Scenario.BeginPipeline(started.Id);
        gitlab.Scenario.AdvancePipeline(started.Id);
        var run = await gitlab.Connection.GetRunAsync(pipeline, Id(started.Id), Cancel);
        var deploy = (await gitlab.Connection.ListJobsAsync(pipeline, run, Cancel)).Single(job => job.Status == RunStatus.Waiting);
        var unblocker = Assert.IsAssignableFrom<IJobUnblocker>(gitlab.Connection);
        var mark = gitlab.Mark();

        var result = await unblocker.UnblockJobAsync(pipeline, run, deploy, new Dictionary<string, string>(), Cancel);
        var refused = await Assert.ThrowsAsync<ProviderException>(
            () => unblocker.UnblockJobAsync(pipeline, run, deploy, new Dictionary<string, string> { ["REASON"] = "ship it" }, Cancel));

        Assert.Equal((200, run.NativeId), (result.UpstreamStatusCode, result.RunNativeId));
        Assert.Equal([$"POST /api/v4/projects/{project.Id}/jobs/{deploy.NativeId}/play"], gitlab.RequestsSince(mark));
        Assert.Equal(GitLabStatus.Pending, gitlab.Scenario.GetPipeline(started.Id).LatestJobs.Single(job => job.Name == "deploy").Status);
        var after = await gitlab.Connection.GetRunAsync(pipeline, run.NativeId, Cancel);
        Assert.True(after.Status.IsActive() && after.Status != RunStatus.Waiting, $"The run is {after.Status} after the play.");
        Assert.Equal(ProviderErrorKind.NotSupported, refused.Kind);
    }

    [Fact]
    public async Task Cancelling_a_running_pipeline_cancels_it_and_a_finished_one_is_refused()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var project = gitlab.AddProject();
        var pipeline = EmulatedGitLab.Pipeline(project);
        var started = gitlab.StartPipeline(project);
        gitlab.Scenario.BeginPipeline(started.Id);
        var running = await gitlab.Connection.GetRunAsync(pipeline, Id(started.Id), Cancel);

        var result = await gitlab.Connection.CancelAsync(pipeline, running, force: true, Cancel);
        var cancelled = await gitlab.Connection.GetRunAsync(pipeline, Id(started.Id), Cancel);
        var again = await gitlab.Connection.CancelAsync(pipeline, cancelled, force: false, Cancel);
        var (_, done) = await FinishedAsync(gitlab, GitLabStatus.Success, "other");
        var refused = await Assert.ThrowsAsync<ProviderException>(() => gitlab.Connection.CancelAsync(EmulatedGitLab.Pipeline(gitlab.Scenario.GetProject("acme/other")), done, force: false, Cancel));

        Assert.Equal(200, result.UpstreamStatusCode);
        Assert.Equal(RunStatus.Cancelled, cancelled.Status);
        Assert.Equal(200, again.UpstreamStatusCode);
        Assert.Equal(ProviderErrorKind.NotSupported, refused.Kind);
        Assert.Equal(GitLabRunActions.AlreadyFinished, refused.Message);
        Assert.Equal(200, refused.UpstreamStatusCode);
    }

    [Fact]
    public async Task A_run_of_another_pipeline_is_refused_before_anything_is_sent()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var (_, run) = await FinishedAsync(gitlab, GitLabStatus.Failed);
        var mark = gitlab.Mark();

        var error = await Assert.ThrowsAsync<ProviderException>(() => gitlab.Connection.RerunAsync(GitLabTestHost.Pipeline(12345), run, RerunScope.All, null, Cancel));

        Assert.Equal(ProviderErrorKind.NotFound, error.Kind);
        Assert.Empty(gitlab.RequestsSince(mark));
    }

    private static async Task<(Pipeline Pipeline, Run Run)> FinishedAsync(EmulatedGitLab gitlab, string status, string path = "app")
    {
        var project = gitlab.AddProject(path: path);
        var pipeline = EmulatedGitLab.Pipeline(project);
        var started = gitlab.StartPipeline(project);
        gitlab.Scenario.BeginPipeline(started.Id);
        gitlab.Scenario.CompletePipeline(started.Id, status);
        return (pipeline, await gitlab.Connection.GetRunAsync(pipeline, Id(started.Id), Cancel));
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
