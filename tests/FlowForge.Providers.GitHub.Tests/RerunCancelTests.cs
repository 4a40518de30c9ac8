using FlowForge.Abstractions.Providers;
using FlowForge.Emulators.GitHub;
using FlowForge.Providers.GitHub.Tests.Infrastructure;

namespace FlowForge.Providers.GitHub.Tests;

/// <summary>Re-runs (all, failed jobs, one job) and cancellations against the emulator.</summary>
public sealed class RerunCancelTests : IAsyncLifetime
{
    private static readonly JobSpec[] TwoJobs =
    [
        new("build", ["Set up job", "Build", "Complete job"]),
        new("deploy", ["Set up job", "Deploy", "Complete job"]),
    ];

    private EmulatedGitHub _github = null!;
    private EmulatedWorkflow _workflow = null!;

    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _github = await EmulatedGitHub.StartAsync();
        _workflow = _github.AddWorkflow("on: [push, workflow_dispatch]\n", "CI");
    }

    public async ValueTask DisposeAsync() => await _github.DisposeAsync();

    [Fact]
    public async Task Rerunning_everything_makes_attempt_two_of_the_same_run()
    {
        var run = Finished(GitHubConclusion.Failure);

        var result = await _github.Connection.RerunAsync(Pipeline(), await _github.RunAsync(_workflow, run.Id), RerunScope.All, null, CancellationToken);

        Assert.Equal((201, Id(run)), (result.UpstreamStatusCode, result.RunNativeId));
        Assert.Equal(2, _github.Scenario.GetRun(run.Id).RunAttempt);
        Assert.Equal(2, (await _github.RunAsync(_workflow, run.Id)).Attempt);
        Assert.Equal(2, _github.Scenario.GetRun(run.Id).Jobs.Count);
        Assert.Contains($"POST /repos/acme/app/actions/runs/{run.Id}/rerun", _github.RequestLines());
    }

    [Fact]
    public async Task Rerunning_failed_jobs_hits_its_endpoint_and_reruns_only_those()
    {
        var run = Finished(GitHubConclusion.Failure);

        var result = await _github.Connection.RerunAsync(Pipeline(), await _github.RunAsync(_workflow, run.Id), RerunScope.FailedJobs, null, CancellationToken);

        Assert.Equal(201, result.UpstreamStatusCode);
        Assert.Contains($"POST /repos/acme/app/actions/runs/{run.Id}/rerun-failed-jobs", _github.RequestLines());
        var attempt = _github.Scenario.GetRun(run.Id);
        Assert.Equal(2, attempt.RunAttempt);
        Assert.Equal(["deploy"], attempt.Jobs.Select(j => j.Name));
    }

    [Fact]
    public async Task Rerunning_one_job_hits_the_jobs_endpoint()
    {
        var run = Finished(GitHubConclusion.Success);
        var job = run.Jobs[1];
        var domainRun = await _github.RunAsync(_workflow, run.Id);

        var result = await _github.Connection.RerunAsync(Pipeline(), domainRun, RerunScope.Job, Id(job.Id), CancellationToken);

        Assert.Equal((201, Id(run)), (result.UpstreamStatusCode, result.RunNativeId));
        Assert.Contains($"POST /repos/acme/app/actions/jobs/{job.Id}/rerun", _github.RequestLines());
        var attempt = _github.Scenario.GetRun(run.Id);
        Assert.Equal((2, "deploy"), (attempt.RunAttempt, Assert.Single(attempt.Jobs).Name));
    }

    [Theory]
    [InlineData(RerunScope.All)]
    [InlineData(RerunScope.FailedJobs)]
    public async Task A_run_that_is_still_running_cannot_be_rerun(RerunScope scope)
    {
        var run = _github.Scenario.StartRun(_workflow.Id, Spec());
        _github.Scenario.BeginRun(run.Id);

        var exception = await Assert.ThrowsAsync<ProviderException>(async () =>
            await _github.Connection.RerunAsync(Pipeline(), await _github.RunAsync(_workflow, run.Id), scope, null, CancellationToken));

        Assert.Equal(ProviderErrorKind.NotSupported, exception.Kind);
        Assert.Equal(403, exception.UpstreamStatusCode);
        Assert.Contains("This workflow is already running", exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, _github.Scenario.GetRun(run.Id).RunAttempt);
        EmulatedGitHub.AssertNoToken(exception);
    }

    [Fact]
    public async Task A_successful_run_has_no_failed_jobs_to_rerun()
    {
        var run = Finished(GitHubConclusion.Success);

        var exception = await Assert.ThrowsAsync<ProviderException>(async () =>
            await _github.Connection.RerunAsync(Pipeline(), await _github.RunAsync(_workflow, run.Id), RerunScope.FailedJobs, null, CancellationToken));

        Assert.Equal(ProviderErrorKind.NotSupported, exception.Kind);
        Assert.Contains("There are no failed jobs to re-run.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_running_run_cancels_it()
    {
        var run = _github.Scenario.StartRun(_workflow.Id, Spec());
        _github.Scenario.BeginRun(run.Id);

        var result = await _github.Connection.CancelAsync(Pipeline(), await _github.RunAsync(_workflow, run.Id), force: false, CancellationToken);

        Assert.Equal((202, Id(run)), (result.UpstreamStatusCode, result.RunNativeId));
        Assert.Equal((GitHubStatus.Completed, GitHubConclusion.Cancelled), (_github.Scenario.GetRun(run.Id).Status, _github.Scenario.GetRun(run.Id).Conclusion));
        Assert.Contains($"POST /repos/acme/app/actions/runs/{run.Id}/cancel", _github.RequestLines());
    }

    [Fact]
    public async Task Cancelling_a_finished_run_is_not_supported_with_409()
    {
        var run = Finished(GitHubConclusion.Success);

        var exception = await Assert.ThrowsAsync<ProviderException>(async () =>
            await _github.Connection.CancelAsync(Pipeline(), await _github.RunAsync(_workflow, run.Id), force: false, CancellationToken));

        Assert.Equal(ProviderErrorKind.NotSupported, exception.Kind);
        Assert.Equal(409, exception.UpstreamStatusCode);
        Assert.Equal("The run already finished, so it cannot be cancelled.", exception.Message);
        Assert.Equal(GitHubConclusion.Success, _github.Scenario.GetRun(run.Id).Conclusion);
        EmulatedGitHub.AssertNoToken(exception);
    }

    [Fact]
    public async Task Force_cancelling_hits_its_own_endpoint()
    {
        var run = _github.Scenario.StartRun(_workflow.Id, Spec());

        var result = await _github.Connection.CancelAsync(Pipeline(), await _github.RunAsync(_workflow, run.Id), force: true, CancellationToken);

        Assert.Equal(202, result.UpstreamStatusCode);
        Assert.Contains($"POST /repos/acme/app/actions/runs/{run.Id}/force-cancel", _github.RequestLines());
        Assert.Equal(GitHubConclusion.Cancelled, _github.Scenario.GetRun(run.Id).Conclusion);
    }

    private EmulatedRun Finished(string conclusion)
    {
        var run = _github.Scenario.StartRun(_workflow.Id, Spec());
        _github.Scenario.BeginRun(run.Id);
        _github.Scenario.AdvanceRun(run.Id);
        _github.Scenario.AdvanceRun(run.Id);
        _github.Scenario.AdvanceRun(run.Id);
        _github.Scenario.CompleteRun(run.Id, conclusion);
        return _github.Scenario.GetRun(run.Id);
    }

    private static RunSpec Spec() => new("main", "Fix the build", "Octo Cat", "octocat@example.com", EmulatedGitHub.Login, Jobs: TwoJobs);

    private global::FlowForge.Abstractions.Domain.Pipeline Pipeline() => EmulatedGitHub.Pipeline(_workflow);

    private static string Id(EmulatedRun run) => Id(run.Id);

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
