using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using FlowForge.Abstractions.Domain;
using FlowForge.Emulators.GitHub;
using FlowForge.Server.Contracts;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Operations;

/// <summary>Parameters, trigger, re-run and cancel through the API, against the emulator over HTTP.</summary>
public sealed class OperationsTests : IAsyncLifetime
{
    private const string DeployWorkflow = """
        name: Deploy
        on:
          push:
            branches: [main]
          workflow_dispatch:
            inputs:
              environment:
                type: environment
                required: true
                description: Where to deploy
              level:
                type: choice
                options: [debug, info, warn]
                default: info
                required: true
              message:
                type: string
                description: Why
              dry_run:
                type: boolean
                default: false
              replicas:
                type: number
                default: 2
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - run: echo deploying
        """;

    private GitHubWorld _world = null!;
    private long _deployId;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string DeployKey => $"{GitHubWorld.InstanceId}/{_deployId}";

    public async ValueTask InitializeAsync()
    {
        _world = await GitHubWorld.StartAsync();
        _deployId = _world.Emulator.Scenario.AddWorkflow("acme/api", "Deploy", ".github/workflows/deploy.yml", DeployWorkflow).Id;
        await _world.AddInstanceAsync();
        await _world.Api.SyncAsync(GitHubWorld.InstanceId);
    }

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Five_workflow_dispatch_inputs_become_five_typed_parameters()
    {
        var parameters = await _world.Api.GetAsync<ParametersResponse>($"/api/v1/pipelines/{DeployKey}/parameters");

        Assert.True(parameters.CanTrigger);
        Assert.Equal("main", parameters.Ref);
        Assert.NotNull(parameters.Revision);
        var byName = parameters.Parameters.ToDictionary(parameter => parameter.Name);
        Assert.Equal(["dry_run", "environment", "level", "message", "replicas"], byName.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("environment", true, null), (byName["environment"].Type, byName["environment"].Required, byName["environment"].Default));
        Assert.Equal("Where to deploy", byName["environment"].Description);
        Assert.Equal(("choice", "info"), (byName["level"].Type, byName["level"].Default));
        Assert.Equal(["debug", "info", "warn"], byName["level"].Options);
        Assert.Equal(("string", false), (byName["message"].Type, byName["message"].Required));
        Assert.Equal(("boolean", "false"), (byName["dry_run"].Type, byName["dry_run"].Default));
        Assert.Equal(("number", "2"), (byName["replicas"].Type, byName["replicas"].Default));
    }

    [Fact]
    public async Task A_workflow_without_workflow_dispatch_says_it_cannot_be_triggered_and_why()
    {
        var lint = _world.Emulator.Scenario.AddWorkflow("acme/api", "Lint", ".github/workflows/lint.yml", "name: Lint\non: [push, pull_request]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo lint\n");
        await _world.Api.SyncAsync(GitHubWorld.InstanceId);
        var lintKey = $"{GitHubWorld.InstanceId}/{lint.Id}";

        var parameters = await _world.Api.GetAsync<ParametersResponse>($"/api/v1/pipelines/{lintKey}/parameters");

        Assert.False(parameters.CanTrigger);
        Assert.Contains("workflow_dispatch", parameters.CannotTriggerReason, StringComparison.Ordinal);

        using var response = await _world.Api.Client.PostAsJsonAsync($"/api/v1/pipelines/{lintKey}/runs", new { }, Cancel);
        await ApiClient.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Empty(_world.Emulator.Scenario.Dispatches());
    }

    [Fact]
    public async Task Triggering_dispatches_exactly_the_given_inputs_and_the_new_run_appears_with_its_key()
    {
        using var response = await _world.Api.Client.PostAsJsonAsync(
            $"/api/v1/pipelines/{DeployKey}/runs",
            new { @ref = "main", parameters = new Dictionary<string, object> { ["environment"] = "staging", ["level"] = "warn", ["dry_run"] = true, ["replicas"] = 3 } },
            Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<TriggerRunResponse>(ApiClient.Json, Cancel))!;
        var dispatch = Assert.Single(_world.Emulator.Scenario.Dispatches());
        Assert.Equal(new Dictionary<string, string> { ["environment"] = "staging", ["level"] = "warn", ["dry_run"] = "true", ["replicas"] = "3" }, dispatch.Inputs);
        Assert.Equal("main", dispatch.Ref);
        Assert.Equal(dispatch.RunId.ToString(CultureInfo.InvariantCulture), created.RunId);
        Assert.Equal($"{DeployKey}/runs/{created.RunId}", created.RunKey);
        Assert.Equal($"/api/v1/pipelines/{created.RunKey}", response.Headers.Location?.ToString());

        var run = await _world.Api.RunAsync(DeployKey, created.RunId!);
        Assert.Equal("workflow_dispatch", run.Run.Event);
        Assert.Equal("staging", run.Run.Parameters["environment"]);
        Assert.Equal(DeployKey, (await _world.Api.PipelinesAsync($"?q=Deploy")).Items.Single().Key);
    }

    public static TheoryData<string, string> InvalidTriggers => new()
    {
        { """{"parameters":{"environment":"prod","colour":"blue"}}""", "parameters.colour" },
        { """{"parameters":{"environment":"prod","dry_run":"maybe"}}""", "parameters.dry_run" },
        { """{"parameters":{"environment":"prod","replicas":"many"}}""", "parameters.replicas" },
        { """{"parameters":{"environment":"prod","level":"verbose"}}""", "parameters.level" },
        { """{"parameters":{"level":"info"}}""", "parameters.environment" },
        { """{"parameters":{"environment":{"nested":true}}}""", "parameters.environment" },
    };

    [Theory]
    [MemberData(nameof(InvalidTriggers))]
    public async Task Invalid_values_are_refused_before_any_upstream_call(string body, string field)
    {
        _world.Emulator.Requests.Clear();

        using var response = await _world.Api.Client.PostAsync($"/api/v1/pipelines/{DeployKey}/runs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Empty(_world.Emulator.Scenario.Dispatches());
        Assert.DoesNotContain(_world.Emulator.Requests.Snapshot(), request => request.Method == "POST");
    }

    [Fact]
    public async Task Rerun_all_makes_a_new_attempt_of_the_run()
    {
        var run = await FinishedRunAsync("failure");

        using var response = await _world.Api.Client.PostAsJsonAsync($"/api/v1/pipelines/{_world.PipelineKey}/runs/{run.Id}/rerun", new { scope = "all" }, Cancel);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, _world.Emulator.Scenario.GetRun(run.Id).RunAttempt);
        Assert.Contains(_world.Emulator.Requests.Snapshot(), request => request.Method == "POST" && request.PathAndQuery.EndsWith($"/runs/{run.Id}/rerun", StringComparison.Ordinal));
        var stored = await _world.Api.RunAsync(_world.PipelineKey, Id(run));
        Assert.Equal(2, stored.Run.Attempt);
        Assert.True(stored.Run.Status.IsActive());
    }

    [Fact]
    public async Task Rerun_failed_jobs_and_one_job_hit_their_native_endpoints()
    {
        var run = await FinishedRunAsync("failure");
        var job = _world.Emulator.Scenario.GetRun(run.Id).Jobs[0];

        using var failed = await _world.Api.Client.PostAsJsonAsync($"/api/v1/pipelines/{_world.PipelineKey}/runs/{run.Id}/rerun", new { scope = "failedJobs" }, Cancel);
        Assert.Equal(HttpStatusCode.Accepted, failed.StatusCode);
        _world.Emulator.Scenario.CompleteRun(run.Id, "failure");
        await _world.Api.SyncAsync(GitHubWorld.InstanceId);
        using var single = await _world.Api.Client.PostAsJsonAsync($"/api/v1/pipelines/{_world.PipelineKey}/runs/{run.Id}/rerun", new { scope = "job", jobId = job.Id.ToString(CultureInfo.InvariantCulture) }, Cancel);

        Assert.Equal(HttpStatusCode.Accepted, single.StatusCode);
        var posts = _world.Emulator.Requests.Snapshot().Where(request => request.Method == "POST").Select(request => request.PathAndQuery).ToList();
        Assert.Contains(posts, path => path.EndsWith($"/runs/{run.Id}/rerun-failed-jobs", StringComparison.Ordinal));
        Assert.Contains(posts, path => path.Contains("/actions/jobs/", StringComparison.Ordinal) && path.EndsWith("/rerun", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancel_stops_a_running_run_and_a_finished_one_gets_a_409()
    {
        var running = _world.Emulator.Scenario.StartRun(_world.WorkflowId, new RunSpec("main", "Slow", "Ada", "ada@example.com", "ada"));
        _world.Emulator.Scenario.BeginRun(running.Id);
        await _world.Api.SyncAsync(GitHubWorld.InstanceId);

        using var cancelled = await _world.Api.Client.PostAsJsonAsync($"/api/v1/pipelines/{_world.PipelineKey}/runs/{running.Id}/cancel", new { }, Cancel);
        Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        Assert.Contains(_world.Emulator.Requests.Snapshot(), request => request.Method == "POST" && request.PathAndQuery.EndsWith($"/runs/{running.Id}/cancel", StringComparison.Ordinal));
        var state = _world.Emulator.Scenario.GetRun(running.Id);
        Assert.True(state.Status is "completed" or "cancelling", state.Status);

        var finished = await FinishedRunAsync("success");
        _world.Emulator.Requests.Clear();
        using var refused = await _world.Api.Client.PostAsJsonAsync($"/api/v1/pipelines/{_world.PipelineKey}/runs/{finished.Id}/cancel", new { }, Cancel);
        var problem = await ApiClient.ProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Contains("already finished", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_world.Emulator.Requests.Snapshot(), request => request.Method == "POST");
    }

    [Fact]
    public async Task A_run_that_finished_upstream_unseen_gets_the_providers_409_as_a_problem()
    {
        var running = _world.Emulator.Scenario.StartRun(_world.WorkflowId, new RunSpec("main", "Sneaky", "Ada", "ada@example.com", "ada"));
        _world.Emulator.Scenario.BeginRun(running.Id);
        await _world.Api.SyncAsync(GitHubWorld.InstanceId);
        _world.Emulator.Scenario.CompleteRun(running.Id, "success");

        using var refused = await _world.Api.Client.PostAsJsonAsync($"/api/v1/pipelines/{_world.PipelineKey}/runs/{running.Id}/cancel", new { force = false }, Cancel);

        var problem = await ApiClient.ProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal(409, problem.GetProperty("upstreamStatus").GetInt32());
    }

    private async Task<EmulatedRun> FinishedRunAsync(string conclusion)
    {
        var run = _world.Emulator.Scenario.StartRun(_world.WorkflowId, new RunSpec("main", "Something", "Ada", "ada@example.com", "ada"));
        _world.Emulator.Scenario.BeginRun(run.Id);
        _world.Emulator.Scenario.CompleteRun(run.Id, conclusion);
        await _world.Api.SyncAsync(GitHubWorld.InstanceId);
        return run;
    }

    private static string Id(EmulatedRun run) => run.Id.ToString(CultureInfo.InvariantCulture);
}
