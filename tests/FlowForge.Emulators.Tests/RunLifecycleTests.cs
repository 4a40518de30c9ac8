using System.Net;
using System.Text.Json;
using FlowForge.Emulators.GitHub;
using FlowForge.Emulators.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Emulators.Tests;

public sealed class RunLifecycleTests : IAsyncLifetime
{
    private static readonly JobSpec[] TwoJobs =
    [
        new("build", ["Set up job", "Run actions/checkout@v4", "Build", "Test", "Complete job"]),
        new("deploy", ["Set up job", "Deploy", "Complete job"]),
    ];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
    private GitHubEmulator _emulator = null!;
    private HttpClient _client = null!;
    private EmulatedWorkflow _workflow = null!;

    public async ValueTask InitializeAsync()
    {
        _emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { TimeProvider = _time }, TestContext.Current.CancellationToken);
        _client = EmulatorClient.Create(_emulator);
        _workflow = Scenarios.RepositoryWithWorkflow(_emulator).Workflow;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task A_run_goes_from_queued_to_in_progress_to_completed_with_consistent_jobs_and_steps()
    {
        var run = _emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push(jobs: TwoJobs));
        Assert.True(run.Id > int.MaxValue, "run ids are beyond 32 bits, as on GitHub today");

        var queued = await Run(run.Id);
        Assert.Equal("queued", queued.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, queued.GetProperty("conclusion").ValueKind);
        Assert.Equal("2026-01-01T10:00:00Z", queued.GetProperty("run_started_at").GetString());
        var queuedJobs = await Jobs(run.Id);
        Assert.All(queuedJobs, j =>
        {
            Assert.Equal("queued", j.GetProperty("status").GetString());
            Assert.Empty(j.GetProperty("steps").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, j.GetProperty("runner_name").ValueKind);
            Assert.Equal(JsonValueKind.Null, j.GetProperty("completed_at").ValueKind);
        });

        _time.Advance(TimeSpan.FromSeconds(5));
        _emulator.Scenario.BeginRun(run.Id);
        var running = await Run(run.Id);
        Assert.Equal("in_progress", running.GetProperty("status").GetString());
        Assert.Equal("2026-01-01T10:00:05Z", running.GetProperty("updated_at").GetString());
        var runningJobs = await Jobs(run.Id);
        Assert.Equal("in_progress", runningJobs[0].GetProperty("status").GetString());
        Assert.Equal("2026-01-01T10:00:05Z", runningJobs[0].GetProperty("started_at").GetString());
        Assert.NotEqual(JsonValueKind.Null, runningJobs[0].GetProperty("runner_name").ValueKind);
        Assert.Equal(["in_progress", "queued", "queued", "queued", "queued"], Steps(runningJobs[0]).Select(s => s.Status));
        Assert.Equal("queued", runningJobs[1].GetProperty("status").GetString());

        _time.Advance(TimeSpan.FromSeconds(80));
        _emulator.Scenario.CompleteRun(run.Id, GitHubConclusion.Success);
        var done = await Run(run.Id);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal("success", done.GetProperty("conclusion").GetString());
        Assert.Equal("2026-01-01T10:01:25Z", done.GetProperty("updated_at").GetString());
        var doneJobs = await Jobs(run.Id);
        Assert.All(doneJobs, j => Assert.Equal("success", j.GetProperty("conclusion").GetString()));
        Assert.All(doneJobs.SelectMany(Steps), s => Assert.Equal(("completed", "success"), (s.Status, s.Conclusion)));
        var times = doneJobs.SelectMany(j => j.GetProperty("steps").EnumerateArray())
            .SelectMany(s => new[] { s.GetProperty("started_at").GetString()!, s.GetProperty("completed_at").GetString()! }).ToList();
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
        Assert.Equal("2026-01-01T10:00:05Z", times[0]);
        Assert.Equal("2026-01-01T10:01:25Z", times[^1]);
    }

    [Fact]
    public async Task A_failed_run_fails_one_step_skips_the_rest_but_clean_up_and_skips_later_jobs()
    {
        var run = _emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push(jobs: TwoJobs));
        _emulator.Scenario.BeginRun(run.Id);
        _emulator.Scenario.AdvanceRun(run.Id);
        _emulator.Scenario.CompleteRun(run.Id, GitHubConclusion.Failure);

        Assert.Equal("failure", (await Run(run.Id)).GetProperty("conclusion").GetString());
        var jobs = await Jobs(run.Id);
        Assert.Equal("failure", jobs[0].GetProperty("conclusion").GetString());
        Assert.Equal(
            [("completed", "success"), ("completed", "success"), ("completed", "success"), ("completed", "failure"), ("completed", "success")],
            Steps(jobs[0]).Select(s => (s.Status, s.Conclusion)));
        Assert.Equal("skipped", jobs[1].GetProperty("conclusion").GetString());
        Assert.Empty(jobs[1].GetProperty("steps").EnumerateArray());
    }

    [Fact]
    public async Task A_cancelled_run_cancels_the_running_step_and_the_jobs_after_it()
    {
        var run = _emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push(jobs: TwoJobs));
        _emulator.Scenario.BeginRun(run.Id);
        _emulator.Scenario.AdvanceRun(run.Id);

        using var cancel = await _client.PostAsync($"repos/acme/web-app/actions/runs/{run.Id}/cancel", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);

        Assert.Equal("cancelled", (await Run(run.Id)).GetProperty("conclusion").GetString());
        var jobs = await Jobs(run.Id);
        Assert.Equal("cancelled", jobs[0].GetProperty("conclusion").GetString());
        Assert.Equal(["success", "cancelled", "skipped", "skipped", "success"], Steps(jobs[0]).Select(s => s.Conclusion));
        Assert.Equal("cancelled", jobs[1].GetProperty("conclusion").GetString());

        using var again = await _client.PostAsync($"repos/acme/web-app/actions/runs/{run.Id}/cancel", null, TestContext.Current.CancellationToken);
        await AuthenticationTests.AssertErrorAsync(again, HttpStatusCode.Conflict, "Cannot cancel a workflow run that is completed.");
    }

    [Fact]
    public async Task Advancing_plays_a_run_step_by_step_to_success()
    {
        var run = _emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push(jobs: TwoJobs));
        var advances = 0;
        while (!_emulator.Scenario.GetRun(run.Id).IsCompleted)
        {
            _emulator.Scenario.AdvanceRun(run.Id);
            advances++;
        }

        Assert.Equal(1 + 5 + 3, advances);
        var jobs = await Jobs(run.Id);
        Assert.All(jobs, j => Assert.Equal("success", j.GetProperty("conclusion").GetString()));
        Assert.Throws<InvalidOperationException>(() => _emulator.Scenario.CompleteRun(run.Id, GitHubConclusion.Success));
    }

    [Fact]
    public async Task A_rerun_is_a_new_attempt_and_jobs_can_be_listed_per_attempt()
    {
        var run = _emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push(jobs: TwoJobs));
        for (var i = 0; i < 1 + 5; i++)
        {
            _emulator.Scenario.AdvanceRun(run.Id);
        }

        _emulator.Scenario.CompleteRun(run.Id, GitHubConclusion.Failure);
        Assert.Equal(["success", "failure"], (await Jobs(run.Id)).Select(j => j.GetProperty("conclusion").GetString()));

        using var busy = await _client.PostAsync($"repos/acme/web-app/actions/runs/{_emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push()).Id}/rerun", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, busy.StatusCode);

        using var rerun = await _client.PostAsync($"repos/acme/web-app/actions/runs/{run.Id}/rerun-failed-jobs", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, rerun.StatusCode);

        var second = await Run(run.Id);
        Assert.Equal(2, second.GetProperty("run_attempt").GetInt32());
        Assert.Equal("queued", second.GetProperty("status").GetString());
        Assert.Equal(1, (await Run(run.Id, "/attempts/1")).GetProperty("run_attempt").GetInt32());
        Assert.Equal("failure", (await Run(run.Id, "/attempts/1")).GetProperty("conclusion").GetString());

        var latest = await Jobs(run.Id);
        Assert.Equal([("build", 1, "success"), ("deploy", 2, null)], latest.Select(j =>
            (j.GetProperty("name").GetString(), j.GetProperty("run_attempt").GetInt32(), j.GetProperty("conclusion").GetString())));
        Assert.Equal(3, (await _client.GetJsonAsync($"repos/acme/web-app/actions/runs/{run.Id}/jobs?filter=all")).GetProperty("total_count").GetInt32());
        Assert.Equal(2, (await _client.GetJsonAsync($"repos/acme/web-app/actions/runs/{run.Id}/attempts/1/jobs")).GetProperty("total_count").GetInt32());
        Assert.Equal(1, (await _client.GetJsonAsync($"repos/acme/web-app/actions/runs/{run.Id}/attempts/2/jobs")).GetProperty("total_count").GetInt32());

        _emulator.Scenario.CompleteRun(run.Id, GitHubConclusion.Success);
        using var full = await _client.PostAsync($"repos/acme/web-app/actions/runs/{run.Id}/rerun", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, full.StatusCode);
        Assert.Equal([3, 3], (await Jobs(run.Id)).Select(j => j.GetProperty("run_attempt").GetInt32()));
        using var missing = await _client.GetAsync($"repos/acme/web-app/actions/runs/{run.Id}/attempts/9", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Dispatch_starts_a_workflow_dispatch_run_on_the_ref()
    {
        _emulator.Scenario.UpdateWorkflowFileAt(_workflow.Id, "release", """
            on:
              workflow_dispatch:
                inputs:
                  level:
                    type: number
            """);
        using var accepted = await _client.PostJsonAsync("repos/acme/web-app/actions/workflows/ci.yml/dispatches", """{"ref":"refs/heads/release","inputs":{"level":"2"}}""");
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);

        using var detailed = await _client.PostJsonAsync($"repos/acme/web-app/actions/workflows/{_workflow.Id}/dispatches", """{"ref":"main","return_run_details":true}""");
        Assert.Equal(HttpStatusCode.OK, detailed.StatusCode);
        using var details = JsonDocument.Parse(await detailed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var runId = details.RootElement.GetProperty("workflow_run_id").GetInt64();

        var run = await Run(runId);
        Assert.Equal("workflow_dispatch", run.GetProperty("event").GetString());
        Assert.Equal("main", run.GetProperty("head_branch").GetString());
        Assert.Equal("octocat", run.GetProperty("actor").GetProperty("login").GetString());
        var dispatched = await _client.GetJsonAsync("repos/acme/web-app/actions/runs?event=workflow_dispatch&branch=release");
        Assert.Equal(1, dispatched.GetProperty("total_count").GetInt32());

        using var invalid = await _client.PostJsonAsync("repos/acme/web-app/actions/workflows/ci.yml/dispatches", "{}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
    }

    [Fact]
    public async Task A_removed_workflow_leaves_the_list_but_its_runs_stay()
    {
        var run = _emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push());
        _emulator.Scenario.RemoveWorkflow(_workflow.Id);

        Assert.Equal(0, (await _client.GetJsonAsync("repos/acme/web-app/actions/workflows")).GetProperty("total_count").GetInt32());
        using var gone = await _client.GetAsync($"repos/acme/web-app/actions/workflows/{_workflow.Id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(run.Id, (await Run(run.Id)).GetProperty("id").GetInt64());
    }

    [Fact]
    public void The_scenario_rejects_unknown_conclusions_and_unknown_ids()
    {
        var run = _emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push());
        Assert.Throws<ArgumentException>(() => _emulator.Scenario.CompleteRun(run.Id, "green"));
        Assert.Throws<KeyNotFoundException>(() => _emulator.Scenario.BeginRun(1));
        Assert.Throws<KeyNotFoundException>(() => _emulator.Scenario.StartRun(1, Scenarios.Push()));
        Assert.Throws<InvalidOperationException>(() => _emulator.Scenario.AddRepository("acme", "web-app"));
        Assert.Throws<InvalidOperationException>(() => _emulator.Scenario.AddWorkflow("acme/web-app", "Again", ".github/workflows/ci.yml"));
        _emulator.Scenario.BeginRun(run.Id);
        Assert.Throws<InvalidOperationException>(() => _emulator.Scenario.BeginRun(run.Id));
    }

    private Task<JsonElement> Run(long id, string suffix = "") => _client.GetJsonAsync($"repos/acme/web-app/actions/runs/{id}{suffix}");

    private async Task<JsonElement[]> Jobs(long runId) =>
        [.. (await _client.GetJsonAsync($"repos/acme/web-app/actions/runs/{runId}/jobs")).GetProperty("jobs").EnumerateArray()];

    private static IEnumerable<(string? Status, string? Conclusion)> Steps(JsonElement job) =>
        job.GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("status").GetString(), s.GetProperty("conclusion").GetString()));
}
