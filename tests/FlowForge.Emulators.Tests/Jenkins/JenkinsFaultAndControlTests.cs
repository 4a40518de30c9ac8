using System.Net;
using System.Text;
using FlowForge.Emulators.Jenkins;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Emulators.Tests.Jenkins;

/// <summary>Injected faults, the request log, the context path and the scripting endpoints.</summary>
public sealed class JenkinsFaultAndControlTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Faults_answer_as_a_proxy_or_a_restarting_jenkins_would_and_are_recorded()
    {
        await using var emulator = await JenkinsEmulator.StartAsync(new JenkinsEmulatorOptions { Users = JenkinsClient.Users }, Cancel);
        using var client = JenkinsClient.Create(emulator);
        emulator.Faults.FailNext(1, JenkinsFault.TooManyRequests(TimeSpan.FromSeconds(17.2)));
        emulator.Faults.FailNext(1, JenkinsFault.ServiceUnavailable(TimeSpan.FromSeconds(30)));
        emulator.Faults.FailNext(1, JenkinsFault.Unauthorized);
        emulator.Faults.FailNext(1, JenkinsFault.MalformedJson);

        using var tooMany = await client.GetAsync("api/json", Cancel);
        using var unavailable = await client.GetAsync("api/json", Cancel);
        using var unauthorized = await client.GetAsync("api/json", Cancel);
        using var malformed = await client.GetAsync("api/json", Cancel);
        using var fine = await client.GetAsync("api/json", Cancel);

        Assert.Equal((HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(18)), (tooMany.StatusCode, tooMany.Headers.RetryAfter!.Delta));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30)), (unavailable.StatusCode, unavailable.Headers.RetryAfter!.Delta));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        var truncated = await malformed.Content.ReadAsStringAsync(Cancel);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse(truncated));
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        var log = emulator.Requests.Snapshot();
        Assert.Equal(["too_many_requests", "service_unavailable", "unauthorized", "malformed_json", null], log.Select(request => request.Fault));
        Assert.Equal([false, false, false, true, true], log.Select(request => request.Costly));
        Assert.All(log, request => Assert.Equal(("GET", "/api/json", JenkinsClient.User), (request.Method, request.PathAndQuery, request.User ?? JenkinsClient.User)));
    }

    [Fact]
    public async Task A_slow_body_waits_for_the_emulator_clock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await JenkinsEmulator.StartAsync(new JenkinsEmulatorOptions { Users = JenkinsClient.Users, TimeProvider = time }, Cancel);
        using var client = JenkinsClient.Create(emulator);
        emulator.Faults.FailNext(1, JenkinsFault.SlowBody(TimeSpan.FromSeconds(30)));

        var pending = client.GetStringAsync("api/json", Cancel);
        await Task.Delay(200, Cancel);
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Contains("hudson.model.Hudson", await pending, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_a_context_path_only_that_path_is_jenkins()
    {
        await using var emulator = await JenkinsEmulator.StartAsync(new JenkinsEmulatorOptions { Users = JenkinsClient.Users, ContextPath = "jenkins/" }, Cancel);
        emulator.Scenario.AddPipelineJob("api");
        using var client = JenkinsClient.Create(emulator);

        var job = await client.JsonAsync("job/api/api/json?tree=url");
        using var outside = new HttpClient();
        using var root = await outside.GetAsync(new Uri(emulator.BaseUrl, "/api/json"), Cancel);

        Assert.Equal("/jenkins/", emulator.BaseUrl.AbsolutePath);
        Assert.Equal(new Uri(emulator.BaseUrl, "job/api/").AbsoluteUri, job.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
    }

    [Fact]
    public async Task The_scenario_can_be_scripted_over_http()
    {
        await using var emulator = await JenkinsEmulator.StartAsync(new JenkinsEmulatorOptions { Users = JenkinsClient.Users }, Cancel);
        using var control = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl, "_emulator/") };

        async Task<string> PostAsync(string path, string json)
        {
            using var response = await control.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Cancel);
            var text = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
            return text;
        }

        await PostAsync("folders", """{"fullName":"web","multibranch":true}""");
        await PostAsync("branches", """{"project":"web","branch":"main"}""");
        await PostAsync("jobs", """{"fullName":"team/deploy","parameters":[{"name":"TARGET","type":"choice","choices":["a","b"]}],"stages":[{"name":"Deploy","steps":[{"name":"Shell Script","argument":"make deploy"}]}]}""");
        var queued = await PostAsync("queue", """{"job":"team/deploy","commitMessage":"Ship it","parameters":{"TARGET":"b"}}""");
        Assert.Contains("\"state\":\"buildable\"", queued, StringComparison.Ordinal);
        await PostAsync("queue/1/start", "{}");
        await PostAsync("builds/complete", """{"job":"team/deploy","number":1,"result":"UNSTABLE"}""");
        await PostAsync("builds/history", """{"job":"web/main","commitMessage":"Old","result":"SUCCESS","minutesAgo":90,"durationSeconds":60}""");
        await PostAsync("faults", """{"kind":"too_many_requests","count":2,"retryAfterSeconds":5}""");
        using var missing = await control.PostAsync("builds/advance", new StringContent("""{"job":"nope","number":1}""", Encoding.UTF8, "application/json"), Cancel);

        var build = emulator.Scenario.GetBuild("team/deploy", 1);
        Assert.Equal((JenkinsResult.Unstable, "b", "UNSTABLE"), (build.Result, build.Parameters["TARGET"], build.Stages[0].Status));
        Assert.Equal(JenkinsResult.Success, emulator.Scenario.GetBuild("web/main", 1).Result);
        Assert.Equal(2, emulator.Faults.Pending);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty(emulator.Requests.Snapshot());
    }
}
