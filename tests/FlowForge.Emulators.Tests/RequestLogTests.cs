using System.Net;
using FlowForge.Emulators.GitHub;
using FlowForge.Emulators.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Emulators.Tests;

public sealed class RequestLogTests
{
    [Fact]
    public async Task Every_api_and_log_request_is_recorded_with_what_the_client_sent_and_what_it_cost()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
        await using var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { TimeProvider = time }, TestContext.Current.CancellationToken);
        var (repository, workflow) = Scenarios.RepositoryWithWorkflow(emulator);
        var run = emulator.Scenario.StartRun(workflow.Id, Scenarios.Push());
        emulator.Scenario.BeginRun(run.Id);
        using var client = EmulatorClient.Create(emulator);
        using var anonymous = EmulatorClient.Create(emulator, token: null);
        anonymous.DefaultRequestHeaders.Remove("X-GitHub-Api-Version");

        using var ok = await client.GetAsync($"repos/{repository.FullName}/actions/runs?per_page=5", TestContext.Current.CancellationToken);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"repos/{repository.FullName}/actions/runs?per_page=5");
        conditional.Headers.IfNoneMatch.Add(ok.Headers.ETag!);
        using var notModified = await client.SendAsync(conditional, TestContext.Current.CancellationToken);
        using var unauthenticated = await anonymous.GetAsync("user", TestContext.Current.CancellationToken);
        using var redirect = await client.GetAsync($"repos/{repository.FullName}/actions/jobs/{run.Jobs[0].Id}/logs", TestContext.Current.CancellationToken);
        using var logs = new HttpClient();
        using var log = await logs.GetAsync(redirect.Headers.Location, TestContext.Current.CancellationToken);
        using var control = await client.GetAsync("_emulator/requests", TestContext.Current.CancellationToken);

        var at = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
        var runsPath = $"/repos/{repository.FullName}/actions/runs?per_page=5";
        var entries = emulator.Requests.Snapshot();
        Assert.Equal(5, entries.Count);
        Assert.Equal(new RecordedRequest(at, "api", "GET", runsPath, 200, true, null, "2022-11-28", true), entries[0]);
        Assert.Equal(new RecordedRequest(at, "api", "GET", runsPath, 304, true, ok.Headers.ETag!.ToString(), "2022-11-28", false), entries[1]);
        Assert.Equal(new RecordedRequest(at, "api", "GET", "/user", 401, false, null, null, true), entries[2]);
        Assert.Equal((302, true), (entries[3].StatusCode, entries[3].CostRateLimit));
        Assert.Equal(("logs", "GET", 200, false, false), (entries[4].Listener, entries[4].Method, entries[4].StatusCode, entries[4].HadAuthorization, entries[4].CostRateLimit));
        Assert.Equal(redirect.Headers.Location!.PathAndQuery, entries[4].PathAndQuery);

        emulator.Requests.Clear();
        Assert.Empty(emulator.Requests.Snapshot());
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
    }
}
