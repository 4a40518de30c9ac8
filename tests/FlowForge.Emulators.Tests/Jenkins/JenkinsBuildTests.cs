using System.Net;
using System.Text.Json;
using FlowForge.Emulators.Jenkins;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Emulators.Tests.Jenkins;

/// <summary>A build's life as the API shows it: stages and steps in <c>wfapi</c>, the console, stop.</summary>
public sealed class JenkinsBuildTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private JenkinsEmulator _emulator = null!;
    private HttpClient _client = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await JenkinsEmulator.StartAsync(new JenkinsEmulatorOptions { Users = JenkinsClient.Users, TimeProvider = _time }, Cancel);
        _client = JenkinsClient.Create(_emulator);
        _emulator.Scenario.AddPipelineJob("api");
        _emulator.Scenario.AddFreestyleJob("docs");
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Stages_and_steps_progress_and_a_failure_ends_the_running_stage()
    {
        var item = _emulator.Scenario.QueueBuild("api", JenkinsClient.Commit());
        _time.Advance(TimeSpan.FromSeconds(3));
        _emulator.Scenario.StartBuild(item.Id);
        _time.Advance(TimeSpan.FromSeconds(4));
        _emulator.Scenario.AdvanceBuild("api", 1);

        var running = await _client.JsonAsync("job/api/1/wfapi/describe");
        Assert.Equal(("1", "#1", "IN_PROGRESS"), (running.GetProperty("id").GetString(), running.GetProperty("name").GetString(), running.GetProperty("status").GetString()));
        var stages = running.GetProperty("stages");
        Assert.Equal(["Checkout", "Build"], stages.Names());
        Assert.Equal(["SUCCESS", "IN_PROGRESS"], stages.EnumerateArray().Select(stage => stage.GetProperty("status").GetString()));
        Assert.Equal(4000, stages[0].GetProperty("durationMillis").GetInt64());
        Assert.Equal($"{_emulator.BaseUrl.AbsolutePath}job/api/1/execution/node/{stages[1].GetProperty("id").GetString()}/wfapi/describe",
            stages[1].GetProperty("_links").GetProperty("self").GetProperty("href").GetString());

        _emulator.Scenario.CompleteBuild("api", 1, JenkinsResult.Failure);
        var build = await _client.JsonAsync($"job/api/1/execution/node/{stages[1].GetProperty("id").GetString()}/wfapi/describe");
        Assert.Equal("FAILED", build.GetProperty("status").GetString());
        var step = build.GetProperty("stageFlowNodes")[0];
        Assert.Equal(("Shell Script", "./gradlew assemble", "FAILED"), (step.GetProperty("name").GetString(), step.GetProperty("parameterDescription").GetString(), step.GetProperty("status").GetString()));
        Assert.Equal("script returned exit code 1", step.GetProperty("error").GetProperty("message").GetString());
        var done = await _client.JsonAsync("job/api/1/wfapi/describe");
        Assert.Equal(("FAILED", 2), (done.GetProperty("status").GetString(), done.GetProperty("stages").GetArrayLength()));
        Assert.Equal(("FAILURE", 4000L), ((await _client.JsonAsync("job/api/1/api/json")).GetProperty("result").GetString(), (await _client.JsonAsync("job/api/1/api/json")).GetProperty("duration").GetInt64()));
    }

    [Fact]
    public async Task The_console_is_served_whole_and_progressively_with_size_and_more_data()
    {
        _emulator.Scenario.StartBuild(_emulator.Scenario.QueueBuild("api", JenkinsClient.Commit("Add retries")).Id);

        using var first = await _client.GetAsync("job/api/1/logText/progressiveText?start=0", Cancel);
        var firstText = await first.Content.ReadAsStringAsync(Cancel);
        var size = long.Parse(first.Headers.GetValues("X-Text-Size").Single(), System.Globalization.CultureInfo.InvariantCulture);
        _emulator.Scenario.CompleteBuild("api", 1, JenkinsResult.Success);
        using var rest = await _client.GetAsync($"job/api/1/logText/progressiveText?start={size}", Cancel);
        var restText = await rest.Content.ReadAsStringAsync(Cancel);
        var whole = await _client.GetStringAsync("job/api/1/consoleText", Cancel);
        using var pastTheEnd = await _client.GetAsync("job/api/1/logText/progressiveText?start=999999", Cancel);

        Assert.Equal("text/plain; charset=utf-8", first.Content.Headers.ContentType!.ToString());
        Assert.Equal("true", first.Headers.GetValues("X-More-Data").Single());
        Assert.StartsWith("Started by user Admin\n[Pipeline] Start of Pipeline\n", firstText, StringComparison.Ordinal);
        Assert.Contains("Commit message: \"Add retries\"", firstText, StringComparison.Ordinal);
        Assert.False(rest.Headers.Contains("X-More-Data"));
        Assert.Equal(whole, firstText + restText);
        Assert.EndsWith("[Pipeline] End of Pipeline\nFinished: SUCCESS\n", whole, StringComparison.Ordinal);
        Assert.Equal(whole, await pastTheEnd.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Stop_aborts_a_running_build_and_forwards_to_the_previous_page()
    {
        _emulator.Scenario.StartBuild(_emulator.Scenario.QueueBuild("api", JenkinsClient.Commit()).Id);
        using var request = new HttpRequestMessage(HttpMethod.Post, "job/api/1/stop");
        request.Headers.Referrer = new Uri(_emulator.BaseUrl, "job/api/1/api/json?tree=result");

        using var stopped = await _client.SendAsync(request, Cancel);
        using var again = await _client.PostFormAsync("job/api/1/stop");

        Assert.Equal(HttpStatusCode.Found, stopped.StatusCode);
        Assert.Equal(request.Headers.Referrer, stopped.Headers.Location);
        Assert.Equal(new Uri(_emulator.BaseUrl, "job/api/1/"), again.Headers.Location);
        var build = _emulator.Scenario.GetBuild("api", 1);
        Assert.Equal((false, JenkinsResult.Aborted), (build.Building, build.Result));
        Assert.Contains("Aborted by Admin\n", build.Log, StringComparison.Ordinal);
        Assert.Equal("ABORTED", build.Stages[0].Status);
    }

    [Fact]
    public async Task A_freestyle_build_has_no_stage_view_and_permalinks_resolve()
    {
        _emulator.Scenario.AddCompletedBuild("docs", JenkinsClient.Commit(), JenkinsResult.Success, _time.GetUtcNow().AddHours(-2), TimeSpan.FromMinutes(1));
        _emulator.Scenario.AddCompletedBuild("docs", JenkinsClient.Commit(), JenkinsResult.Failure, _time.GetUtcNow().AddHours(-1), TimeSpan.FromMinutes(1));

        using var wfapi = await _client.GetAsync("job/docs/1/wfapi/describe", Cancel);
        var last = await _client.JsonAsync("job/docs/lastBuild/api/json?tree=number,builtOn,changeSet[kind]");
        var lastSuccessful = await _client.JsonAsync("job/docs/lastSuccessfulBuild/api/json?tree=number");

        Assert.Equal(HttpStatusCode.NotFound, wfapi.StatusCode);
        Assert.Equal(("hudson.model.FreeStyleBuild", 2, "git"), (last.GetProperty("_class").GetString(), last.GetProperty("number").GetInt32(), last.GetProperty("changeSet").GetProperty("kind").GetString()));
        Assert.Equal(1, lastSuccessful.GetProperty("number").GetInt32());
        Assert.Equal("red", (await _client.JsonAsync("job/docs/api/json?tree=color")).GetProperty("color").GetString());
        var links = await _client.JsonAsync("job/docs/api/json?tree=lastStableBuild[number],lastFailedBuild[number],lastUnstableBuild[number]");
        Assert.Equal((1, 2), (links.GetProperty("lastStableBuild").GetProperty("number").GetInt32(), links.GetProperty("lastFailedBuild").GetProperty("number").GetInt32()));
        Assert.Equal(JsonValueKind.Null, links.GetProperty("lastUnstableBuild").ValueKind);
    }
}
