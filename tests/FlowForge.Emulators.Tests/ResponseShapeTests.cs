using System.Text.Json;
using FlowForge.Emulators.GitHub;
using FlowForge.Emulators.Tests.Infrastructure;

namespace FlowForge.Emulators.Tests;

/// <summary>Every endpoint's body carries every property of GitHub's official example for it, with the same JSON types.</summary>
public sealed class ResponseShapeTests : IAsyncLifetime
{
    private GitHubEmulator _emulator = null!;
    private HttpClient _client = null!;
    private EmulatedRun _completed = null!;
    private EmulatedRun _rerun = null!;
    private EmulatedRun _queued = null!;
    private string _fork = null!;

    public async ValueTask InitializeAsync()
    {
        _emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        _client = EmulatorClient.Create(_emulator);
        var scenario = _emulator.Scenario;
        var (repository, workflow) = Scenarios.RepositoryWithWorkflow(_emulator);
        scenario.AddWorkflow(repository.FullName, "Lint", ".github/workflows/lint.yml");
        _completed = scenario.StartRun(workflow.Id, Scenarios.Push());
        scenario.BeginRun(_completed.Id);
        scenario.CompleteRun(_completed.Id, GitHubConclusion.Success);
        _rerun = scenario.StartRun(workflow.Id, Scenarios.Push(message: "Flaky"));
        scenario.CompleteRun(_rerun.Id, GitHubConclusion.Failure);
        _rerun = scenario.RerunRun(_rerun.Id);
        scenario.CompleteRun(_rerun.Id, GitHubConclusion.Success);
        _queued = scenario.StartRun(workflow.Id, Scenarios.Push(branch: "feature/x"));
        _fork = scenario.AddFork(repository.FullName, "tools").FullName;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Authenticated_user_matches_the_private_user_examples()
    {
        var body = await _client.GetJsonAsync("user");
        var schema = OfficialApi.ResponseSchema("/user");
        JsonShape.AssertMatches(OfficialApi.Example("private-user-response-with-public-and-private-profile-information"), body, schema, "GET /user");
        JsonShape.AssertMatches(OfficialApi.Example("private-user"), body, schema, "GET /user");
        Assert.Equal("octocat", body.GetProperty("login").GetString());
    }

    [Fact]
    public async Task User_repositories_match_the_repository_items_example()
    {
        var body = await _client.GetJsonAsync("user/repos");
        Assert.Equal(JsonValueKind.Array, body.ValueKind);
        Assert.Equal(["acme/web-app", "tools/web-app"], body.EnumerateArray().Select(r => r.GetProperty("full_name").GetString()));
        JsonShape.AssertMatches(OfficialApi.Example("repository-items-default-response")[0], body[0], OfficialApi.ResponseSchema("/user/repos").Items(), "GET /user/repos");
    }

    [Fact]
    public async Task Organization_repositories_match_the_minimal_repository_items_example()
    {
        var body = await _client.GetJsonAsync("orgs/acme/repos");
        Assert.Single(body.EnumerateArray());
        JsonShape.AssertMatches(OfficialApi.Example("minimal-repository-items")[0], body[0], OfficialApi.ResponseSchema("/orgs/{org}/repos").Items(), "GET /orgs/{org}/repos");
    }

    [Theory]
    [InlineData("full-repository")]
    [InlineData("full-repository-default-response")]
    public async Task A_forked_repository_matches_the_full_repository_examples(string example)
    {
        var body = await _client.GetJsonAsync("repos/" + _fork);
        JsonShape.AssertMatches(OfficialApi.Example(example), body, OfficialApi.ResponseSchema("/repos/{owner}/{repo}"), "GET /repos/{owner}/{repo}");
        Assert.True(body.GetProperty("fork").GetBoolean());
        Assert.Equal("acme/web-app", body.GetProperty("parent").GetProperty("full_name").GetString());
    }

    [Fact]
    public async Task A_repository_that_is_not_a_fork_has_no_parent_or_source()
    {
        var body = await _client.GetJsonAsync("repos/acme/web-app");
        Assert.False(body.GetProperty("fork").GetBoolean());
        Assert.False(body.TryGetProperty("parent", out _));
        Assert.False(body.TryGetProperty("source", out _));
        Assert.Equal("Organization", body.GetProperty("organization").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Workflows_match_the_workflow_examples()
    {
        var list = await _client.GetJsonAsync("repos/acme/web-app/actions/workflows");
        JsonShape.AssertMatches(OfficialApi.Example("workflow-paginated"), list, OfficialApi.ResponseSchema("/repos/{owner}/{repo}/actions/workflows"), "workflow list");
        Assert.Equal(2, list.GetProperty("total_count").GetInt32());

        var schema = OfficialApi.ResponseSchema("/repos/{owner}/{repo}/actions/workflows/{workflow_id}");
        var byId = await _client.GetJsonAsync($"repos/acme/web-app/actions/workflows/{list.GetProperty("workflows")[0].GetProperty("id").GetInt64()}");
        var byFile = await _client.GetJsonAsync("repos/acme/web-app/actions/workflows/ci.yml");
        JsonShape.AssertMatches(OfficialApi.Example("workflow"), byId, schema, "workflow by id");
        Assert.Equal(byId.GetRawText(), byFile.GetRawText());
    }

    [Fact]
    public async Task Run_lists_match_the_workflow_run_paginated_example()
    {
        var schema = OfficialApi.ResponseSchema("/repos/{owner}/{repo}/actions/runs");
        foreach (var path in (string[])["repos/acme/web-app/actions/runs", "repos/acme/web-app/actions/workflows/ci.yml/runs"])
        {
            var list = await _client.GetJsonAsync(path);
            Assert.Equal(3, list.GetProperty("total_count").GetInt32());
            foreach (var run in list.GetProperty("workflow_runs").EnumerateArray())
            {
                var page = JsonDocument.Parse($"{{\"total_count\":3,\"workflow_runs\":[{run.GetRawText()}]}}").RootElement;
                JsonShape.AssertMatches(OfficialApi.Example("workflow-run-paginated"), page, schema, path);
            }
        }
    }

    [Fact]
    public async Task Runs_and_attempts_match_the_workflow_run_example()
    {
        var schema = OfficialApi.ResponseSchema("/repos/{owner}/{repo}/actions/runs/{run_id}");
        var example = OfficialApi.Example("workflow-run");
        foreach (var path in (string[])[$"runs/{_completed.Id}", $"runs/{_queued.Id}", $"runs/{_rerun.Id}", $"runs/{_rerun.Id}/attempts/1", $"runs/{_rerun.Id}/attempts/2"])
        {
            JsonShape.AssertMatches(example, await _client.GetJsonAsync("repos/acme/web-app/actions/" + path), schema, path);
        }

        var rerun = await _client.GetJsonAsync($"repos/acme/web-app/actions/runs/{_rerun.Id}");
        Assert.Equal(2, rerun.GetProperty("run_attempt").GetInt32());
        Assert.EndsWith($"/actions/runs/{_rerun.Id}/attempts/1", rerun.GetProperty("previous_attempt_url").GetString(), StringComparison.Ordinal);
        var first = await _client.GetJsonAsync($"repos/acme/web-app/actions/runs/{_completed.Id}");
        Assert.Equal(JsonValueKind.Null, first.GetProperty("previous_attempt_url").ValueKind);
    }

    [Fact]
    public async Task Jobs_match_the_job_examples()
    {
        var list = await _client.GetJsonAsync($"repos/acme/web-app/actions/runs/{_completed.Id}/jobs");
        JsonShape.AssertMatches(OfficialApi.Example("job-paginated"), list, OfficialApi.ResponseSchema("/repos/{owner}/{repo}/actions/runs/{run_id}/jobs"), "job list");
        var job = list.GetProperty("jobs")[0];
        Assert.NotEqual(0, job.GetProperty("steps").GetArrayLength());

        var single = await _client.GetJsonAsync($"repos/acme/web-app/actions/jobs/{job.GetProperty("id").GetInt64()}");
        JsonShape.AssertMatches(OfficialApi.Example("job"), single, OfficialApi.ResponseSchema("/repos/{owner}/{repo}/actions/jobs/{job_id}"), "job");
        Assert.Equal(job.GetRawText(), single.GetRawText());

        var queued = await _client.GetJsonAsync($"repos/acme/web-app/actions/runs/{_queued.Id}/attempts/1/jobs");
        JsonShape.AssertMatches(OfficialApi.Example("job-paginated"), queued,
            OfficialApi.ResponseSchema("/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs"), "queued job list");
    }

    [Fact]
    public async Task A_workflow_file_matches_the_content_file_example()
    {
        var body = await _client.GetJsonAsync("repos/acme/web-app/contents/.github/workflows/ci.yml?ref=main");
        JsonShape.AssertMatches(OfficialApi.Example("content-file-response-if-content-is-a-file"), body,
            OfficialApi.ResponseSchema("/repos/{owner}/{repo}/contents/{path}"), "GET /repos/{owner}/{repo}/contents/{path}");
    }

    [Fact]
    public async Task Rate_limit_matches_the_rate_limit_overview_example()
    {
        var body = await _client.GetJsonAsync("rate_limit");
        JsonShape.AssertMatches(OfficialApi.Example("rate-limit-overview"), body, OfficialApi.ResponseSchema("/rate_limit"), "GET /rate_limit");
    }

    [Fact]
    public void The_comparison_notices_a_missing_property_a_wrong_type_and_a_null_the_schema_forbids()
    {
        var schema = OfficialApi.ResponseSchema("/repos/{owner}/{repo}/actions/workflows/{workflow_id}");
        var example = OfficialApi.Example("workflow");
        var broken = JsonDocument.Parse("""{"id":"161335","node_id":null,"name":"CI","path":"x","state":"active","created_at":"a","updated_at":"b","url":"u","html_url":"h"}""").RootElement;

        var differences = JsonShape.Differences(example, broken, schema);

        Assert.Contains(differences, d => d.StartsWith("$.id: String", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("$.node_id: null", StringComparison.Ordinal));
        Assert.Contains("$.badge_url: missing", differences);
        Assert.Empty(JsonShape.Differences(example, example, schema));
    }
}
