using System.Net;
using FlowForge.Emulators.Buildkite;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Emulators.Tests.Buildkite;

/// <summary>Scripting the emulator over <c>/_emulator</c>, and the demo scenario.</summary>
public sealed class BuildkiteScriptingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_shell_can_script_pipelines_builds_faults_and_tokens()
    {
        await using var emulator = await BuildkiteEmulator.StartAsync(cancellationToken: Cancel);
        using var control = new HttpClient { BaseAddress = new Uri(emulator.ApiBaseUrl, "/_emulator/") };
        using var api = BuildkiteClient.Create(emulator);

        await control.PostAsync("pipelines", """{"organization":"acme","name":"Web","env":{"A":"1"},"steps":[{"label":"Build","command":"make"},{"type":"wait"},{"type":"block","label":"Go?"}]}""", HttpStatusCode.Created);
        var build = await control.PostAsync("builds", """{"organization":"acme","pipeline":"web","message":"From a shell"}""", HttpStatusCode.Created);
        await control.PostAsync("builds/acme/web/1/begin", "{}", HttpStatusCode.OK);
        var blocked = await control.PostAsync("builds/acme/web/1/advance", "{}", HttpStatusCode.OK);
        var unblocked = await control.PostAsync("builds/acme/web/1/unblock", """{"fields":{"why":"demo"}}""", HttpStatusCode.OK);
        var conflict = await control.PostAsync("builds/acme/web/1/begin", "{}", HttpStatusCode.Conflict);
        await control.PostAsync("faults", """{"kind":"too_many_requests","retryAfterSeconds":9}""", HttpStatusCode.NoContent);
        using var limited = await api.GetAsync("organizations/acme/pipelines", Cancel);
        await control.PostAsync("tokens", """{"token":"second-token-not-real","name":"Bot","email":"bot@example.com","scopes":["read_builds"]}""", HttpStatusCode.NoContent);
        using var second = BuildkiteClient.Create(emulator, "second-token-not-real");
        var forbidden = await second.JsonAsync("organizations/acme/pipelines", HttpStatusCode.Forbidden);
        var requests = await control.JsonAsync("requests");

        Assert.Equal(1, build.GetProperty("number").GetInt64());
        Assert.Equal("blocked", blocked.GetProperty("state").GetString());
        Assert.Equal("passed", unblocked.GetProperty("state").GetString()); // the block step was the last one
        Assert.Contains("not scheduled", conflict.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("9", limited.Header("Retry-After"));
        Assert.Equal("Your access token does not have the read_pipelines scope", forbidden.Text("message"));
        Assert.Equal(2, requests.GetArrayLength());
        Assert.Equal("too_many_requests", requests[0].GetProperty("fault").GetString());
    }

    [Fact]
    public async Task The_demo_has_history_right_away_and_keeps_builds_coming()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero));
        await using var emulator = await BuildkiteEmulator.StartAsync(new BuildkiteEmulatorOptions { TimeProvider = time }, Cancel);
        BuildkiteDemoScenario.Seed(emulator);
        var seeded = emulator.Scenario.Builds(BuildkiteDemoScenario.Organization);
        using var stop = new CancellationTokenSource();

        var running = BuildkiteDemoScenario.RunAsync(emulator, time, stop.Token);
        for (var second = 0; second < 240; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(2, Cancel);
        }

        await stop.CancelAsync();
        await running;
        var all = emulator.Scenario.Builds(BuildkiteDemoScenario.Organization);

        Assert.Equal(5, emulator.Scenario.Pipelines(BuildkiteDemoScenario.Organization).Count);
        Assert.All(emulator.Scenario.Pipelines(BuildkiteDemoScenario.Organization), pipeline => Assert.Contains(seeded, build => build.Pipeline == pipeline.Slug));
        Assert.All(seeded, build => Assert.True(build.IsFinished));
        Assert.Contains(seeded, build => build.State == BuildkiteStates.Failed);
        var live = all.Except(seeded).ToList();
        Assert.True(live.Count >= 10, $"{live.Count} builds started in four minutes");
        Assert.Contains(live, build => build.IsFinished);
        Assert.Contains(live, build => build.Jobs.Any(job => job.State == BuildkiteStates.Unblocked));
    }
}
