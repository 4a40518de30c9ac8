using System.Net;
using FlowForge.Emulators.GitHub;
using FlowForge.Emulators.Tests.Infrastructure;

namespace FlowForge.Emulators.Tests;

/// <summary>GitHub Enterprise Server serves the API under <c>/api/v3</c>.</summary>
public sealed class PathBaseTests
{
    [Fact]
    public async Task The_api_lives_under_the_path_base_and_every_url_it_hands_out_does_too()
    {
        await using var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { PathBase = "/api/v3" }, TestContext.Current.CancellationToken);
        Assert.Equal($"http://127.0.0.1:{emulator.ApiBaseUrl.Port}/api/v3/", emulator.ApiBaseUrl.AbsoluteUri);
        var (repository, workflow) = Scenarios.RepositoryWithWorkflow(emulator);
        for (var i = 0; i < 3; i++)
        {
            var started = emulator.Scenario.StartRun(workflow.Id, Scenarios.Push());
            emulator.Scenario.BeginRun(started.Id);
        }

        using var client = EmulatorClient.Create(emulator);

        Assert.Equal("octocat", (await client.GetJsonAsync("user")).GetProperty("login").GetString());
        using var outside = await client.GetAsync(new Uri(emulator.ApiBaseUrl, "/user"), TestContext.Current.CancellationToken);
        await AuthenticationTests.AssertErrorAsync(outside, HttpStatusCode.NotFound, "Not Found");

        using var page = await client.GetAsync($"repos/{repository.FullName}/actions/runs?per_page=1", TestContext.Current.CancellationToken);
        Assert.Contains($"<{emulator.ApiBaseUrl}repositories/{repository.Id}/actions/runs?per_page=1&page=2>; rel=\"next\"", page.Header("Link"), StringComparison.Ordinal);
        var run = (await client.GetJsonAsync($"repositories/{repository.Id}/actions/runs?per_page=1&page=2")).GetProperty("workflow_runs")[0];
        Assert.StartsWith(emulator.ApiBaseUrl + "repos/acme/web-app/actions/runs/", run.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(emulator.ApiBaseUrl + "users/", run.GetProperty("actor").GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("/api/v3", run.GetProperty("html_url").GetString(), StringComparison.Ordinal);

        var jobId = run.GetProperty("id").GetInt64() is var runId ? emulator.Scenario.GetRun(runId).Jobs[0].Id : 0;
        using var redirect = await client.GetAsync($"repos/{repository.FullName}/actions/jobs/{jobId}/logs", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);

        using var control = await client.PostAsync($"_emulator/runs/{runId}/complete", new StringContent("""{"conclusion":"success"}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        Assert.True(emulator.Scenario.GetRun(runId).IsCompleted);
    }
}
