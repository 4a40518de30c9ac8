using System.Net.Http.Json;
using FlowForge.Abstractions.Domain;
using FlowForge.Emulators.GitHub;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Sync;

/// <summary>The vertical slice: the real GitHub provider over HTTP to the emulator, through the store, out of the API.</summary>
public sealed class GitHubSyncTests : IAsyncLifetime
{
    private GitHubWorld _world = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await GitHubWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Adding_an_instance_makes_its_pipelines_and_latest_runs_appear()
    {
        await _world.AddInstanceAsync();

        var report = await _world.Api.SyncAsync(GitHubWorld.InstanceId);

        Assert.True(report.Succeeded, report.Error);
        var pipeline = Assert.Single((await _world.Api.PipelinesAsync()).Items);
        Assert.Equal(_world.PipelineKey, pipeline.Key);
        Assert.Equal("CI", pipeline.Name);
        Assert.Equal("acme/api", pipeline.Repository);
        Assert.Equal(".github/workflows/ci.yml", pipeline.FilePath);
        var run = pipeline.LatestRun!;
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal("main", run.Branch);
        Assert.Equal("Add health endpoint", run.Commit!.Message);
        Assert.Equal("Ada Lovelace", run.Commit.AuthorName);
        Assert.Matches("^[0-9a-f]{40}$", run.Commit.Sha);
        Assert.Equal("push", run.Event);
        Assert.Equal(1, run.Attempt);
    }

    [Fact]
    public async Task A_run_started_upstream_shows_as_running_then_failed_with_jobs_steps_and_log()
    {
        await _world.AddInstanceAsync();
        await _world.Api.SyncAsync(GitHubWorld.InstanceId);
        var spec = new RunSpec("feature/x", "Break the build", "Grace Hopper", "grace@example.com", "grace",
            Jobs: [new JobSpec("build", ["Set up job", "Compile", "Complete job"]), new JobSpec("test", ["Set up job", "Run tests", "Complete job"])]);
        var started = _world.Emulator.Scenario.StartRun(_world.WorkflowId, spec);

        await _world.Api.SyncAsync(GitHubWorld.InstanceId);
        Assert.Equal(RunStatus.Queued, (await _world.Api.RunAsync(_world.PipelineKey, started.Id.ToString())).Run.Status);

        _world.Emulator.Scenario.BeginRun(started.Id);
        await _world.Api.SyncAsync(GitHubWorld.InstanceId);
        var running = await _world.Api.RunAsync(_world.PipelineKey, started.Id.ToString());
        Assert.Equal(RunStatus.Running, running.Run.Status);
        Assert.Contains(running.Jobs, job => job.Status == RunStatus.Running);
        Assert.Equal(RunStatus.Running, (await _world.Api.PipelinesAsync()).Items[0].LatestRun!.Status);

        _world.Emulator.Scenario.CompleteRun(started.Id, "failure");
        await _world.Api.SyncAsync(GitHubWorld.InstanceId);
        var finished = await _world.Api.RunAsync(_world.PipelineKey, started.Id.ToString());
        Assert.Equal(RunStatus.Failed, finished.Run.Status);
        Assert.Equal("Break the build", finished.Run.Commit!.Message);
        Assert.Equal(["build", "test"], finished.Jobs.Select(job => job.Name).Order(StringComparer.Ordinal));
        Assert.Contains(finished.Jobs, job => job.Status == RunStatus.Failed);
        Assert.All(finished.Jobs.Where(job => job.Status != RunStatus.Skipped), job => Assert.Equal(3, job.Steps.Count));
        Assert.All(finished.Jobs.SelectMany(job => job.Steps).Where(step => step.Status is RunStatus.Succeeded or RunStatus.Failed),
            step => Assert.True(step.FinishedAt >= step.StartedAt));

        var failedJob = finished.Jobs.First(job => job.Status == RunStatus.Failed);
        var log = await _world.Api.Client.GetStringAsync($"/api/v1/pipelines/{_world.PipelineKey}/runs/{started.Id}/jobs/{failedJob.Id}/log", Cancel);
        Assert.Contains(failedJob.Steps[1].Name, log, StringComparison.Ordinal);
        Assert.Contains("##[error]", log, StringComparison.Ordinal);

        var logHostRequests = _world.Emulator.Requests.Snapshot().Where(request => request.Listener == "logs").ToList();
        Assert.NotEmpty(logHostRequests);
        Assert.All(logHostRequests, request => Assert.False(request.HadAuthorization));
        Assert.All(logHostRequests, request => Assert.Equal(200, request.StatusCode));
    }

    [Fact]
    public async Task A_finished_jobs_log_is_served_from_the_store_after_the_first_read()
    {
        await _world.AddInstanceAsync();
        await _world.Api.SyncAsync(GitHubWorld.InstanceId);
        var run = (await _world.Api.PipelinesAsync()).Items[0].LatestRun!;
        var job = (await _world.Api.RunAsync(_world.PipelineKey, run.Id)).Jobs[0];
        var path = $"/api/v1/pipelines/{_world.PipelineKey}/runs/{run.Id}/jobs/{job.Id}/log";

        var first = await _world.Api.Client.GetStringAsync(path, Cancel);
        _world.Emulator.Requests.Clear();
        var second = await _world.Api.Client.GetStringAsync(path, Cancel);

        Assert.Equal(first, second);
        Assert.Empty(_world.Emulator.Requests.Snapshot());
    }

    [Fact]
    public async Task A_second_sync_without_upstream_changes_sends_only_conditional_requests_answered_304_for_free()
    {
        await _world.AddInstanceAsync();
        Assert.True((await _world.Api.SyncAsync(GitHubWorld.InstanceId)).Succeeded);
        var remaining = _world.Emulator.RateLimitRemaining(GitHubWorld.Token);
        _world.Emulator.Requests.Clear();

        var report = await _world.Api.SyncAsync(GitHubWorld.InstanceId);

        Assert.True(report.Succeeded, report.Error);
        Assert.Equal(0, report.RunsChanged);
        var requests = _world.Emulator.Requests.Snapshot();
        Assert.NotEmpty(requests);
        Assert.All(requests, request =>
        {
            Assert.Equal("GET", request.Method);
            Assert.NotNull(request.IfNoneMatch);
            Assert.Equal(304, request.StatusCode);
            Assert.False(request.CostRateLimit);
            Assert.Equal("2022-11-28", request.ApiVersion);
        });
        Assert.Equal(remaining, _world.Emulator.RateLimitRemaining(GitHubWorld.Token));
        var health = (await _world.Api.InstanceAsync(GitHubWorld.InstanceId)).Health;
        Assert.Equal(remaining, health.RateLimit!.Remaining);
    }

    [Fact]
    public async Task Runs_of_a_pipeline_page_newest_first()
    {
        for (var i = 0; i < 6; i++)
        {
            var run = _world.Emulator.Scenario.StartRun(_world.WorkflowId, new RunSpec(i % 2 == 0 ? "main" : "dev", $"Change {i}", "Ada", "ada@example.com", "ada"));
            _world.Emulator.Scenario.BeginRun(run.Id);
            _world.Emulator.Scenario.CompleteRun(run.Id, i == 5 ? "failure" : "success");
        }

        await _world.AddInstanceAsync();
        await _world.Api.SyncAsync(GitHubWorld.InstanceId);

        var first = await _world.Api.RunsAsync(_world.PipelineKey, "?limit=4");
        var second = await _world.Api.RunsAsync(_world.PipelineKey, $"?limit=4&cursor={first.NextCursor}");
        var numbers = first.Items.Concat(second.Items).Select(run => run.Number).ToList();
        Assert.Equal(7, numbers.Count);
        Assert.Equal(numbers.OrderDescending(), numbers);
        Assert.Null(second.NextCursor);

        var failed = await _world.Api.RunsAsync(_world.PipelineKey, "?status=failed");
        Assert.Equal("Change 5", Assert.Single(failed.Items).Commit!.Message);
        Assert.All((await _world.Api.RunsAsync(_world.PipelineKey, "?branch=dev")).Items, run => Assert.Equal("dev", run.Branch));
    }

    [Fact]
    public async Task Credentials_are_checked_against_the_provider()
    {
        await _world.AddInstanceAsync();

        using var response = await _world.Api.Client.PostAsync($"/api/v1/instances/{GitHubWorld.InstanceId}/validate", null, Cancel);
        var check = await response.Content.ReadFromJsonAsync<FlowForge.Server.Contracts.CredentialCheckResponse>(ApiClient.Json, Cancel);

        Assert.True(check!.Valid);
        Assert.Equal("octocat", check.Identity);
        Assert.Contains("repo", check.GrantedPermissions);
    }

    [Fact]
    public async Task A_wrong_token_is_reported_as_invalid_without_echoing_it()
    {
        await _world.Api.AddGitHubInstanceAsync("wrong", _world.Emulator.ApiBaseUrl, "wrong-token-not-real-42");

        using var response = await _world.Api.Client.PostAsync("/api/v1/instances/wrong/validate", null, Cancel);
        var check = await response.Content.ReadFromJsonAsync<FlowForge.Server.Contracts.CredentialCheckResponse>(ApiClient.Json, Cancel);
        var report = await _world.Api.SyncAsync("wrong");

        Assert.False(check!.Valid);
        Assert.Contains("401", check.Error, StringComparison.Ordinal);
        Assert.False(report.Succeeded);
        Assert.DoesNotContain(_world.App.EverythingSaid(), line => line.Contains("wrong-token-not-real-42", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sources_list_what_the_token_can_see()
    {
        _world.Emulator.Scenario.AddRepository("acme", "web");
        await _world.AddInstanceAsync();

        var sources = await _world.Api.GetAsync<List<FlowForge.Server.Contracts.SourceResponse>>($"/api/v1/instances/{GitHubWorld.InstanceId}/sources");

        Assert.Equal(["acme/api", "acme/web"], sources.Select(source => source.Id).Order(StringComparer.Ordinal));
        Assert.All(sources, source => Assert.True(source.Watched));
    }
}
