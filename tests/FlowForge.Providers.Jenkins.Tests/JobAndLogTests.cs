using FlowForge.Abstractions.Domain;
using FlowForge.Emulators.Jenkins;
using FlowForge.Providers.Jenkins.Tests.Infrastructure;

namespace FlowForge.Providers.Jenkins.Tests;

/// <summary>Stages and steps from the Stage View, the freestyle fallback, and console logs with a progressive tail.</summary>
public sealed class JobAndLogTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stages_become_jobs_with_their_steps_and_finished_stages_are_read_once()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddPipelineJob("api");
        var pipeline = await jenkins.PipelineAsync("api");
        var item = jenkins.Scenario.QueueBuild("api", EmulatedJenkins.Commit());
        jenkins.Scenario.StartBuild(item.Id);
        jenkins.Scenario.AdvanceBuild("api", 1);
        var run = await jenkins.Connection.GetRunAsync(pipeline, "api:1", Cancel);
        jenkins.ClearRequests();

        var jobs = await jenkins.Connection.ListJobsAsync(pipeline, run, Cancel);

        Assert.Equal(["Checkout", "Build"], jobs.Select(job => job.Name));
        Assert.Equal([RunStatus.Succeeded, RunStatus.Running], jobs.Select(job => job.Status));
        Assert.Equal(["Check out from version control: checkout scm"], jobs[0].Steps.Select(step => step.Name));
        Assert.Equal(("Shell Script: ./gradlew assemble", RunStatus.Running), (jobs[1].Steps[0].Name, jobs[1].Steps[0].Status));
        Assert.NotNull(jobs[0].FinishedAt);
        Assert.Null(jobs[1].FinishedAt);
        Assert.Equal(3, jenkins.RequestLines().Count);

        jenkins.ClearRequests();
        await jenkins.Connection.ListJobsAsync(pipeline, run, Cancel);

        // The finished Checkout stage's steps come from memory; the running Build stage is read again.
        Assert.Equal(
            ["GET /job/api/1/wfapi/describe", $"GET /job/api/1/execution/node/{jobs[1].NativeId}/wfapi/describe"],
            jenkins.RequestLines());
    }

    [Fact]
    public async Task A_freestyle_build_is_one_job_and_no_stage_view_is_asked_for()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddFreestyleJob("docs");
        var pipeline = await jenkins.PipelineAsync("docs");
        jenkins.Scenario.AddCompletedBuild("docs", EmulatedJenkins.Commit(), JenkinsResult.Failure, DateTimeOffset.UtcNow.AddMinutes(-10), TimeSpan.FromMinutes(3));
        var run = await jenkins.Connection.GetRunAsync(pipeline, "docs:1", Cancel);
        jenkins.ClearRequests();

        var job = Assert.Single(await jenkins.Connection.ListJobsAsync(pipeline, run, Cancel));

        Assert.Empty(jenkins.RequestLines());
        Assert.Equal(("build", "Build", RunStatus.Failed), (job.NativeId, job.Name, job.Status));
        Assert.Equal(run.StartedAt, job.StartedAt);
        Assert.Equal(run.FinishedAt, job.FinishedAt);
    }

    [Fact]
    public async Task A_pipeline_without_stage_view_falls_back_to_one_job()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddFreestyleJob("legacy");
        jenkins.Scenario.AddCompletedBuild("legacy", EmulatedJenkins.Commit(), JenkinsResult.Success, DateTimeOffset.UtcNow.AddMinutes(-10), TimeSpan.FromMinutes(3));

        // A pipeline record without the class extra: the provider tries the Stage View, which answers 404.
        var pipeline = JenkinsTestHost.Pipeline("legacy") with { Extras = Pipeline.NoExtras };
        var run = await jenkins.Connection.GetRunAsync(pipeline, "legacy:1", Cancel);

        Assert.Equal("build", Assert.Single(await jenkins.Connection.ListJobsAsync(pipeline, run, Cancel)).NativeId);
    }

    [Fact]
    public async Task A_running_log_is_read_progressively_and_is_complete_once_the_build_ends()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddPipelineJob("api");
        var pipeline = await jenkins.PipelineAsync("api");
        jenkins.Scenario.StartBuild(jenkins.Scenario.QueueBuild("api", EmulatedJenkins.Commit()).Id);
        var run = await jenkins.Connection.GetRunAsync(pipeline, "api:1", Cancel);
        var job = (await jenkins.Connection.ListJobsAsync(pipeline, run, Cancel))[0];
        jenkins.ClearRequests();

        var first = await jenkins.Connection.GetJobLogAsync(pipeline, run, job, Cancel);
        var length = System.Text.Encoding.UTF8.GetByteCount(first.Text);
        jenkins.Scenario.AdvanceBuild("api", 1);
        var second = await jenkins.Connection.GetJobLogAsync(pipeline, run, job, Cancel);
        jenkins.Scenario.CompleteBuild("api", 1, JenkinsResult.Success);
        var last = await jenkins.Connection.GetJobLogAsync(pipeline, run, job, Cancel);

        Assert.False(first.IsComplete);
        Assert.StartsWith("Started by user", first.Text, StringComparison.Ordinal);
        Assert.False(second.IsComplete);
        Assert.StartsWith(first.Text, second.Text, StringComparison.Ordinal);
        Assert.True(last.IsComplete);
        Assert.EndsWith("Finished: SUCCESS\n", last.Text, StringComparison.Ordinal);
        Assert.Equal(jenkins.Scenario.GetBuild("api", 1).Log, last.Text);
        Assert.Equal(
            ["GET /job/api/1/logText/progressiveText?start=0", $"GET /job/api/1/logText/progressiveText?start={length}", $"GET /job/api/1/logText/progressiveText?start={System.Text.Encoding.UTF8.GetByteCount(second.Text)}"],
            jenkins.RequestLines());
    }

    [Fact]
    public async Task A_queued_run_has_an_empty_log_without_a_request()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddPipelineJob("api");
        var pipeline = await jenkins.PipelineAsync("api");
        jenkins.Scenario.QueueBuild("api", EmulatedJenkins.Commit());
        var queued = await jenkins.Connection.GetRunAsync(pipeline, "api:1", Cancel);
        jenkins.ClearRequests();

        var log = await jenkins.Connection.GetJobLogAsync(pipeline, queued, JenkinsMapper.WholeBuild(queued), Cancel);

        Assert.Equal(("", false), (log.Text, log.IsComplete));
        Assert.Empty(jenkins.RequestLines());
    }
}
