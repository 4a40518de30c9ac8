using System.Net;
using System.Text.Json;
using FlowForge.Emulators.Buildkite;

namespace FlowForge.Emulators.Tests.Buildkite;

/// <summary>Builds and their jobs through the REST API: the lifecycle with wait and block steps, logs, and the actions.</summary>
public sealed class BuildkiteBuildTests : IAsyncLifetime
{
    private const string Org = "acme";
    private BuildkiteEmulator _emulator = null!;
    private HttpClient _client = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await BuildkiteEmulator.StartAsync(cancellationToken: Cancel);
        _emulator.Scenario.AddPipeline(
            Org,
            "Web App",
            [
                BuildkiteStep.Command(":hammer: Build", "make build", "build"),
                BuildkiteStep.Command(":lint: Lint", "make lint", "lint", softFail: true),
                BuildkiteStep.Wait(),
                BuildkiteStep.Block(":rocket: Ship?", "gate"),
                BuildkiteStep.Command(":rocket: Deploy", "make deploy", "deploy"),
            ],
            new Dictionary<string, string> { ["DEPLOY_ENV"] = "staging" });
        _client = BuildkiteClient.Create(_emulator);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task A_build_runs_its_segments_stops_at_the_block_step_and_passes_once_unblocked()
    {
        var build = _emulator.Scenario.StartBuild(Org, "web-app", Spec());
        var scheduled = await Build(build.Number);
        Assert.Equal("scheduled", scheduled.Text("state"));
        Assert.Equal(["scheduled", "scheduled", "waiting", "waiting", "waiting"], States(scheduled));
        Assert.Equal(["script", "script", "waiter", "manual", "script"], scheduled.GetProperty("jobs").EnumerateArray().Select(job => job.Text("type")));

        _emulator.Scenario.BeginBuild(Org, "web-app", build.Number);
        _emulator.Scenario.AdvanceBuild(Org, "web-app", build.Number);
        _emulator.Scenario.AdvanceBuild(Org, "web-app", build.Number, passes: false);
        var blocked = await Build(build.Number);

        Assert.Equal("blocked", blocked.Text("state"));
        Assert.True(blocked.GetProperty("blocked").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, blocked.GetProperty("finished_at").ValueKind);
        Assert.Equal(["passed", "failed", "passed", "blocked", "waiting"], States(blocked));
        var lint = blocked.GetProperty("jobs")[1];
        Assert.True(lint.GetProperty("soft_failed").GetBoolean());
        Assert.Equal(1, lint.GetProperty("exit_status").GetInt32());
        var gate = blocked.GetProperty("jobs")[3];
        Assert.True(gate.GetProperty("unblockable").GetBoolean());
        Assert.Equal(":rocket: Ship?", gate.Text("label"));

        var unblocked = await _client.PutAsync(gate.Text("unblock_url")!, """{"fields":{"release":"2.0"}}""");
        Assert.Equal("unblocked", unblocked.Text("state"));
        Assert.Equal("Ada Lovelace", unblocked.GetProperty("unblocked_by").Text("name"));
        Assert.Equal("running", (await Build(build.Number)).Text("state"));

        _emulator.Scenario.CompleteBuild(Org, "web-app", build.Number, passed: true);
        var passed = await Build(build.Number);
        Assert.Equal("passed", passed.Text("state"));
        Assert.Equal(["passed", "failed", "passed", "unblocked", "passed"], States(passed));
        Assert.Equal(5, passed.GetProperty("job_state_counts").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_hard_failure_fails_the_build_and_what_waited_is_waiting_failed()
    {
        var build = _emulator.Scenario.StartBuild(Org, "web-app", Spec());
        _emulator.Scenario.BeginBuild(Org, "web-app", build.Number);

        _emulator.Scenario.AdvanceBuild(Org, "web-app", build.Number, passes: false);
        var failing = await Build(build.Number);
        _emulator.Scenario.AdvanceBuild(Org, "web-app", build.Number);
        var failed = await Build(build.Number);

        Assert.Equal("failing", failing.Text("state"));
        Assert.NotEqual(JsonValueKind.Null, failing.GetProperty("failing_at").ValueKind);
        Assert.Equal("failed", failed.Text("state"));
        Assert.Equal(["failed", "passed", "waiting_failed", "waiting_failed", "waiting_failed"], States(failed));
    }

    [Fact]
    public async Task Logs_come_as_json_and_as_text_and_wait_steps_have_none()
    {
        var build = _emulator.Scenario.StartBuild(Org, "web-app", Spec());
        _emulator.Scenario.CompleteBuild(Org, "web-app", build.Number, passed: true);
        var jobs = (await Build(build.Number)).GetProperty("jobs");

        var json = await _client.JsonAsync(jobs[0].Text("log_url")!);
        var text = await _client.GetStringAsync(jobs[0].Text("raw_log_url"), Cancel);
        using var request = new HttpRequestMessage(HttpMethod.Get, jobs[0].Text("log_url"));
        request.Headers.Accept.ParseAdd("text/plain");
        using var plain = await _client.SendAsync(request, Cancel);
        var waiter = await _client.JsonAsync($"organizations/{Org}/jobs/{jobs[2].Text("id")}/log", HttpStatusCode.NotFound);

        Assert.Contains(BuildkiteScenario.LogMarker, json.Text("content"), StringComparison.Ordinal);
        Assert.Contains("$ make build", text, StringComparison.Ordinal);
        Assert.Equal(text, json.Text("content"));
        Assert.Equal(text.Length, json.GetProperty("size").GetInt32());
        Assert.Equal(text, await plain.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("Not Found", waiter.Text("message"));
    }

    [Fact]
    public async Task Creating_a_build_records_the_values_as_sent()
    {
        var created = await _client.PostAsync(
            $"organizations/{Org}/pipelines/web-app/builds",
            """{"commit":"HEAD","branch":"main","message":"By hand","env":{"DEPLOY_ENV":"prod","RETRIES":3},"meta_data":{"flag":true},"clean_checkout":true}""",
            HttpStatusCode.Created);
        var invalid = await _client.PostAsync($"organizations/{Org}/pipelines/web-app/builds", """{"branch":"main"}""", HttpStatusCode.UnprocessableEntity);

        var trigger = Assert.Single(_emulator.Scenario.Triggers());
        Assert.Equal(("HEAD", "main", "By hand", (bool?)true), (trigger.Commit, trigger.Branch, trigger.Message, trigger.CleanCheckout));
        Assert.Equal(new Dictionary<string, string> { ["DEPLOY_ENV"] = "prod", ["RETRIES"] = "3" }, trigger.Env);
        Assert.Equal("true", trigger.MetaData!["flag"]);
        Assert.Equal("api", created.Text("source"));
        Assert.Equal("Ada Lovelace", created.GetProperty("creator").Text("name"));
        Assert.Equal("prod", created.GetProperty("env").Text("DEPLOY_ENV"));
        Assert.Equal("web-app", created.GetProperty("pipeline").Text("slug"));
        Assert.Equal("Validation Failed", invalid.Text("message"));
        Assert.Equal("commit", invalid.GetProperty("errors")[0].Text("field"));
    }

    [Fact]
    public async Task Cancel_rebuild_and_retries_answer_as_buildkite_does()
    {
        var build = _emulator.Scenario.StartBuild(Org, "web-app", Spec());
        _emulator.Scenario.BeginBuild(Org, "web-app", build.Number);
        var path = $"organizations/{Org}/pipelines/web-app/builds/{build.Number}";

        var canceled = await _client.PutAsync(path + "/cancel");
        var refused = await _client.PutAsync(path + "/cancel", expected: HttpStatusCode.UnprocessableEntity);
        var rebuilt = await _client.PutAsync(path + "/rebuild");
        var notRetryable = await _client.PutAsync(path + "/retry_failed_jobs", expected: HttpStatusCode.UnprocessableEntity);

        Assert.Equal("canceled", canceled.Text("state"));
        Assert.Contains("can't be canceled", refused.Text("message"), StringComparison.Ordinal);
        Assert.Equal(build.Number + 1, rebuilt.GetProperty("number").GetInt64());
        Assert.Equal(build.Number, rebuilt.GetProperty("rebuilt_from").GetProperty("number").GetInt64());
        Assert.Equal(build.Commit, rebuilt.Text("commit"));
        Assert.Equal("Jobs from canceled builds cannot be retried", notRetryable.Text("message"));

        var failed = _emulator.Scenario.StartBuild(Org, "web-app", Spec());
        _emulator.Scenario.CompleteBuild(Org, "web-app", failed.Number, passed: false);
        var failedPath = $"organizations/{Org}/pipelines/web-app/builds/{failed.Number}";
        var retried = await _client.PutAsync(failedPath + "/retry_failed_jobs", expected: HttpStatusCode.Accepted);
        var withRetried = await _client.JsonAsync(failedPath + "?include_retried_jobs=true");
        var passedJob = retried.GetProperty("jobs")[1].Text("id");
        var wrongJob = await _client.PutAsync($"{failedPath}/jobs/{passedJob}/retry", expected: HttpStatusCode.BadRequest);

        Assert.Equal(1, retried.GetProperty("retried_jobs_count").GetInt32());
        Assert.Equal("running", retried.Text("state"));
        Assert.Equal(["scheduled", "passed", "waiting", "waiting", "waiting"], States(retried));
        Assert.Equal(6, withRetried.GetProperty("jobs").GetArrayLength());
        Assert.True(withRetried.GetProperty("jobs")[0].GetProperty("retried").GetBoolean());
        Assert.Equal(1, withRetried.GetProperty("jobs")[1].GetProperty("retries_count").GetInt32());
        Assert.Equal("Only failed, timed out or canceled jobs can be retried", wrongJob.Text("message"));
    }

    [Fact]
    public async Task Listings_filter_and_leave_out_what_they_are_asked_to()
    {
        var first = _emulator.Scenario.StartBuild(Org, "web-app", Spec("feature/x"));
        var second = _emulator.Scenario.StartBuild(Org, "web-app", Spec());
        _emulator.Scenario.CompleteBuild(Org, "web-app", second.Number, passed: true);

        var all = await _client.JsonAsync($"organizations/{Org}/builds");
        var passed = await _client.JsonAsync($"organizations/{Org}/pipelines/web-app/builds?state[]=passed&exclude_jobs=true&exclude_pipeline=true");
        var onBranch = await _client.JsonAsync($"builds?branch=feature/x");

        Assert.Equal([second.Number, first.Number], all.EnumerateArray().Select(build => build.GetProperty("number").GetInt64()));
        var only = Assert.Single(passed.EnumerateArray());
        Assert.False(only.TryGetProperty("jobs", out _));
        Assert.False(only.TryGetProperty("pipeline", out _));
        Assert.Equal(first.Number, Assert.Single(onBranch.EnumerateArray()).GetProperty("number").GetInt64());
    }

    private static BuildkiteBuildSpec Spec(string branch = "main") => new(branch, "Change things", "Grace Hopper", "grace@example.com");

    private Task<JsonElement> Build(long number) => _client.JsonAsync($"organizations/{Org}/pipelines/web-app/builds/{number}");

    private static string?[] States(JsonElement build) => [.. build.GetProperty("jobs").EnumerateArray().Select(job => job.Text("state"))];
}
