using System.Net;
using FlowForge.Emulators.Jenkins;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Emulators.Tests.Jenkins;

/// <summary>Requesting builds: 201 with the queue item, the quiet period, merging, blocking, cancelling, and what was received.</summary>
public sealed class JenkinsQueueTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private JenkinsEmulator _emulator = null!;
    private HttpClient _client = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await JenkinsEmulator.StartAsync(new JenkinsEmulatorOptions { Users = JenkinsClient.Users, TimeProvider = _time }, Cancel);
        _client = JenkinsClient.Create(_emulator);
        _emulator.Scenario.AddPipelineJob("deploy", new JenkinsJobSpec(Parameters:
        [
            new("TARGET", JenkinsParameterType.String, "dev"),
            new("DRY_RUN", JenkinsParameterType.Boolean, "false"),
            new("LEVEL", JenkinsParameterType.Choice, Choices: ["info", "debug"]),
            new("API_KEY", JenkinsParameterType.Password),
        ]));
        _emulator.Scenario.AddFreestyleJob("docs", new JenkinsJobSpec(ConcurrentBuilds: false));
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task A_request_waits_out_its_quiet_period_then_leaves_the_queue_as_the_next_build()
    {
        using var response = await _client.PostFormAsync("job/docs/build");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(new Uri(_emulator.BaseUrl, "queue/item/1/"), response.Headers.Location);

        var waiting = await _client.JsonAsync("queue/item/1/api/json");
        Assert.Equal("hudson.model.Queue$WaitingItem", waiting.GetProperty("_class").GetString());
        Assert.Equal("In the quiet period. Expires in 5 sec", waiting.GetProperty("why").GetString());
        Assert.Equal(1, (await _client.JsonAsync("job/docs/api/json?tree=queueItem[id],inQueue")).GetProperty("queueItem").GetProperty("id").GetInt32());

        _time.Advance(TimeSpan.FromSeconds(5));
        var left = await _client.JsonAsync("queue/item/1/api/json");

        Assert.Equal("hudson.model.Queue$LeftItem", left.GetProperty("_class").GetString());
        Assert.False(left.GetProperty("cancelled").GetBoolean());
        Assert.Equal(1, left.GetProperty("executable").GetProperty("number").GetInt32());
        Assert.Equal(new Uri(_emulator.BaseUrl, "job/docs/1/").AbsoluteUri, left.GetProperty("executable").GetProperty("url").GetString());
        Assert.True(_emulator.Scenario.GetBuild("docs", 1).Building);

        _time.Advance(TimeSpan.FromMinutes(5));
        using var forgotten = await _client.GetAsync("queue/item/1/api/json", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, forgotten.StatusCode);
    }

    [Fact]
    public async Task Parameters_arrive_as_sent_are_checked_and_identical_waiting_requests_merge()
    {
        var form = new Dictionary<string, string> { ["TARGET"] = "prod", ["DRY_RUN"] = "TRUE", ["UNDECLARED"] = "x", ["API_KEY"] = "k-not-real" };
        using var first = await _client.PostFormAsync("job/deploy/buildWithParameters?delay=10sec", form);
        using var second = await _client.PostFormAsync("job/deploy/buildWithParameters?delay=10sec", form);
        using var invalid = await _client.PostFormAsync("job/deploy/buildWithParameters", new Dictionary<string, string> { ["LEVEL"] = "trace" });

        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(HttpStatusCode.InternalServerError, invalid.StatusCode);
        Assert.Contains("Illegal choice for parameter LEVEL: trace", await invalid.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal([form, form], _emulator.Scenario.Triggers().Select(trigger => trigger.Parameters));
        var item = await _client.JsonAsync("queue/item/1/api/json");
        Assert.Equal("\nTARGET=prod\nDRY_RUN=true\nLEVEL=info\nAPI_KEY=****", item.GetProperty("params").GetString());

        _time.Advance(TimeSpan.FromSeconds(10));
        var build = _emulator.Scenario.GetBuild("deploy", 1);
        Assert.Equal(new Dictionary<string, string> { ["TARGET"] = "prod", ["DRY_RUN"] = "true", ["LEVEL"] = "info", ["API_KEY"] = "k-not-real" }, build.Parameters);
        var exported = await _client.JsonAsync("job/deploy/1/api/json?tree=actions[parameters[name,value]]");
        var parameters = exported.GetProperty("actions").EnumerateArray().Single(action => action.TryGetProperty("parameters", out _)).GetProperty("parameters");
        Assert.False(parameters[3].TryGetProperty("value", out _), "a password's value is never exported");
        Assert.True(parameters[1].GetProperty("value").GetBoolean());
    }

    [Fact]
    public async Task The_wrong_endpoint_a_disabled_job_and_a_get_are_refused_as_jenkins_refuses_them()
    {
        using var notParameterized = await _client.PostFormAsync("job/docs/buildWithParameters");
        using var noForm = await _client.PostFormAsync("job/deploy/build");
        using var get = await _client.GetAsync("job/docs/build", Cancel);
        _emulator.Scenario.SetDisabled("docs", true);
        using var disabled = await _client.PostFormAsync("job/docs/build");

        Assert.Equal(HttpStatusCode.InternalServerError, notParameterized.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noForm.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, disabled.StatusCode);
        Assert.Contains("docs is not buildable", await disabled.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Empty(_emulator.Scenario.Triggers());
    }

    [Fact]
    public async Task The_build_form_with_json_parameters_is_accepted()
    {
        using var response = await _client.PostFormAsync(
            "job/deploy/build?delay=0sec", new Dictionary<string, string> { ["json"] = """{"parameter":[{"name":"TARGET","value":"qa"}]}""" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("qa", _emulator.Scenario.GetBuild("deploy", 1).Parameters["TARGET"]);
    }

    [Fact]
    public async Task A_job_without_concurrent_builds_blocks_its_next_request_until_the_running_one_ends()
    {
        using var first = await _client.PostFormAsync("job/docs/build?delay=0sec");
        using var second = await _client.PostFormAsync("job/docs/build?delay=0", new Dictionary<string, string> { ["cause"] = "again" });

        var blocked = await _client.JsonAsync("job/docs/api/json?tree=nextBuildNumber,queueItem[why,blocked]");
        Assert.Equal(2, blocked.GetProperty("nextBuildNumber").GetInt32());
        Assert.Equal("hudson.model.Queue$BlockedItem", blocked.GetProperty("queueItem").GetProperty("_class").GetString());
        Assert.Equal("Build #1 is already in progress (ETA: N/A)", blocked.GetProperty("queueItem").GetProperty("why").GetString());

        _emulator.Scenario.CompleteBuild("docs", 1, JenkinsResult.Success);
        Assert.True(_emulator.Scenario.GetBuild("docs", 2).Building);
    }

    [Fact]
    public async Task A_waiting_item_can_be_cancelled_once()
    {
        var item = _emulator.Scenario.QueueBuild("docs", JenkinsClient.Commit());

        using var cancelled = await _client.PostFormAsync($"queue/cancelItem?id={item.Id}");
        using var again = await _client.PostFormAsync($"queue/cancelItem?id={item.Id}");

        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains($"Provided id ({item.Id}) not found", await again.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var left = await _client.JsonAsync($"queue/item/{item.Id}/api/json");
        Assert.True(left.GetProperty("cancelled").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, left.GetProperty("executable").ValueKind);
    }

    [Fact]
    public async Task Requested_builds_wait_for_the_scenario_when_they_do_not_start_by_themselves()
    {
        await using var emulator = await JenkinsEmulator.StartAsync(new JenkinsEmulatorOptions { Users = JenkinsClient.Users, TimeProvider = _time, StartTriggeredBuilds = false }, Cancel);
        emulator.Scenario.AddFreestyleJob("docs");
        using var client = JenkinsClient.Create(emulator);

        using var response = await client.PostFormAsync("job/docs/build?delay=0sec");
        _time.Advance(TimeSpan.FromMinutes(1));
        var item = await client.JsonAsync("queue/item/1/api/json");

        Assert.Equal(("hudson.model.Queue$BuildableItem", "Waiting for next available executor"), (item.GetProperty("_class").GetString(), item.GetProperty("why").GetString()));
        Assert.Equal(1, emulator.Scenario.StartBuild(1).Number);
    }
}
