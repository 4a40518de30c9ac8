using System.Net;
using System.Text.Json;
using FlowForge.Emulators.GitHub;
using FlowForge.Emulators.Tests.Infrastructure;

namespace FlowForge.Emulators.Tests;

/// <summary>The scenario over HTTP, as a shell script would drive it: no token, not recorded, not rate limited.</summary>
public sealed class ControlEndpointTests
{
    [Fact]
    public async Task A_run_can_be_scripted_over_http()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var control = EmulatorClient.Create(emulator, token: null);

        using var repository = await control.PostJsonAsync("_emulator/repos", """{"owner":"acme","name":"api","defaultBranch":"trunk"}""");
        Assert.Equal(HttpStatusCode.Created, repository.StatusCode);
        using var workflow = await control.PostJsonAsync("_emulator/workflows", """{"repository":"acme/api","name":"CI","path":".github/workflows/ci.yml"}""");
        var workflowId = (await Json(workflow)).GetProperty("id").GetInt64();
        using var run = await control.PostJsonAsync("_emulator/runs",
            $$"""{"workflowId":{{workflowId}},"branch":"trunk","commitMessage":"Ship it","authorName":"Mona","authorEmail":"mona@example.com","actor":"mona","event":"push"}""");
        Assert.Equal(HttpStatusCode.Created, run.StatusCode);
        var runId = (await Json(run)).GetProperty("id").GetInt64();
        using var begin = await control.PostAsync($"_emulator/runs/{runId}/begin", null, TestContext.Current.CancellationToken);
        Assert.Equal("in_progress", (await Json(begin)).GetProperty("status").GetString());
        using var complete = await control.PostJsonAsync($"_emulator/runs/{runId}/complete", """{"conclusion":"failure"}""");
        Assert.Equal(HttpStatusCode.OK, complete.StatusCode);

        var finished = emulator.Scenario.GetRun(runId);
        Assert.Equal(("completed", "failure", "trunk", "mona"), (finished.Status, finished.Conclusion, finished.HeadBranch, finished.Actor));
        Assert.Equal("trunk", emulator.Scenario.GetRepository("acme/api").DefaultBranch);
        Assert.Empty(emulator.Requests.Snapshot());
        Assert.Equal(5000, emulator.RateLimitRemaining(GitHubEmulator.DefaultToken));
    }

    [Fact]
    public async Task Faults_and_the_request_log_are_reachable_over_http()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(emulator);

        using var fault = await client.PostJsonAsync("_emulator/faults", """{"kind":"too_many_requests","count":1,"retryAfterSeconds":7}""");
        Assert.Equal(HttpStatusCode.NoContent, fault.StatusCode);
        using var limited = await client.GetAsync("user", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.Headers.RetryAfter!.Delta);

        using var slow = await client.PostJsonAsync("_emulator/faults", """{"kind":"SlowBody","count":2,"delayMs":10}""");
        Assert.Equal(2, emulator.Faults.Pending);
        using var clear = await client.DeleteAsync("_emulator/faults", TestContext.Current.CancellationToken);
        Assert.Equal(0, emulator.Faults.Pending);

        var requests = await client.GetJsonAsync("_emulator/requests");
        var entry = Assert.Single(requests.EnumerateArray());
        Assert.Equal(("/user", 429, "api"), (entry.GetProperty("pathAndQuery").GetString(), entry.GetProperty("statusCode").GetInt32(), entry.GetProperty("listener").GetString()));
    }

    [Fact]
    public async Task Bad_scripting_input_gets_a_clear_error()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var control = EmulatorClient.Create(emulator, token: null);

        using var missing = await control.PostJsonAsync("_emulator/repos", """{"owner":"acme"}""");
        using var unknownKind = await control.PostJsonAsync("_emulator/faults", """{"kind":"gremlins"}""");
        using var unknownRun = await control.PostAsync("_emulator/runs/123/begin", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("'name' is required", (await Json(missing)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownRun.StatusCode);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
}
