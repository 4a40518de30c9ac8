using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FlowForge.Emulators.GitHub;
using FlowForge.Emulators.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Emulators.Tests;

public sealed class JobLogTests
{
    [Fact]
    public async Task A_job_that_has_not_started_has_no_log()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var (repository, workflow) = Scenarios.RepositoryWithWorkflow(emulator);
        var run = emulator.Scenario.StartRun(workflow.Id, Scenarios.Push());
        using var client = EmulatorClient.Create(emulator);

        using var response = await client.GetAsync($"repos/{repository.FullName}/actions/jobs/{run.Jobs[0].Id}/logs", TestContext.Current.CancellationToken);

        await AuthenticationTests.AssertErrorAsync(response, HttpStatusCode.NotFound, "Not Found");
    }

    [Fact]
    public async Task The_log_redirect_points_at_the_log_host_which_serves_the_steps_as_text()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var (repository, workflow) = Scenarios.RepositoryWithWorkflow(emulator);
        var run = emulator.Scenario.StartRun(workflow.Id, Scenarios.Push());
        emulator.Scenario.BeginRun(run.Id);
        emulator.Scenario.CompleteRun(run.Id, GitHubConclusion.Failure);
        using var client = EmulatorClient.Create(emulator);

        using var redirect = await client.GetAsync($"repos/{repository.FullName}/actions/jobs/{run.Jobs[0].Id}/logs", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.True(location.IsAbsoluteUri);
        Assert.Equal(emulator.LogHostBaseUrl.Authority, location.Authority);
        Assert.Equal(4999, redirect.IntHeader("x-ratelimit-remaining"));

        using var logs = new HttpClient();
        using var log = await logs.GetAsync(location, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, log.StatusCode);
        Assert.Equal("text/plain", log.Content.Headers.ContentType!.MediaType);
        var text = Encoding.UTF8.GetString(await log.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).TrimStart('\uFEFF');
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z ", line));
        Assert.Contains(lines, l => l.EndsWith(" ##[group]Run actions/checkout@v4", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(" ##[group]Run Build", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(" ##[group]Run Test", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(" ##[error]Process completed with exit code 1.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(" Cleaning up orphan processes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Following_the_redirect_with_HttpClient_works_because_it_drops_the_token()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var (repository, workflow) = Scenarios.RepositoryWithWorkflow(emulator);
        var run = emulator.Scenario.StartRun(workflow.Id, Scenarios.Push());
        emulator.Scenario.BeginRun(run.Id);
        using var client = EmulatorClient.Create(emulator, followRedirects: true);

        var text = await client.GetStringAsync($"repos/{repository.FullName}/actions/jobs/{run.Jobs[0].Id}/logs", TestContext.Current.CancellationToken);

        Assert.Contains("Complete job name: build", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Run Build", text, StringComparison.Ordinal);
        var logRequest = Assert.Single(emulator.Requests.Snapshot(), r => r.Listener == "logs");
        Assert.False(logRequest.HadAuthorization);
        Assert.Equal(200, logRequest.StatusCode);
    }

    [Fact]
    public async Task The_log_host_rejects_an_authorization_header_a_bad_signature_and_an_expired_link()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
        await using var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { TimeProvider = time }, TestContext.Current.CancellationToken);
        var (repository, workflow) = Scenarios.RepositoryWithWorkflow(emulator);
        var run = emulator.Scenario.StartRun(workflow.Id, Scenarios.Push());
        emulator.Scenario.BeginRun(run.Id);
        using var client = EmulatorClient.Create(emulator);
        using var redirect = await client.GetAsync($"repos/{repository.FullName}/actions/jobs/{run.Jobs[0].Id}/logs", TestContext.Current.CancellationToken);
        var location = redirect.Headers.Location!;
        using var logs = new HttpClient();

        using var withToken = new HttpRequestMessage(HttpMethod.Get, location);
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GitHubEmulator.DefaultToken);
        using var rejected = await logs.SendAsync(withToken, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);

        var tampered = new Uri(location.AbsoluteUri.Replace($"workflow-job-run-{run.Jobs[0].Id}", "workflow-job-run-1", StringComparison.Ordinal));
        using var badSignature = await logs.GetAsync(tampered, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, badSignature.StatusCode);

        using var unsigned = await logs.GetAsync(location.GetLeftPart(UriPartial.Path), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);

        using var fresh = await logs.GetAsync(location, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);

        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        using var expired = await logs.GetAsync(location, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Contains("AuthenticationFailed", await expired.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_of_another_repository_is_not_found()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var (_, workflow) = Scenarios.RepositoryWithWorkflow(emulator);
        emulator.Scenario.AddRepository("acme", "other");
        var run = emulator.Scenario.StartRun(workflow.Id, Scenarios.Push());
        emulator.Scenario.BeginRun(run.Id);
        using var client = EmulatorClient.Create(emulator);

        using var job = await client.GetAsync($"repos/acme/other/actions/jobs/{run.Jobs[0].Id}", TestContext.Current.CancellationToken);
        using var log = await client.GetAsync($"repos/acme/other/actions/jobs/{run.Jobs[0].Id}/logs", TestContext.Current.CancellationToken);
        using var runElsewhere = await client.GetAsync($"repos/acme/other/actions/runs/{run.Id}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, job.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, log.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, runElsewhere.StatusCode);
    }
}
