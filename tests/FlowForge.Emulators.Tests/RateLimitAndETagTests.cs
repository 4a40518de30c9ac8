using System.Net;
using System.Text.Json;
using FlowForge.Emulators.GitHub;
using FlowForge.Emulators.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Emulators.Tests;

public sealed class RateLimitAndETagTests
{
    [Fact]
    public async Task A_200_costs_one_and_a_matching_If_None_Match_gets_a_free_304()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var (repository, _) = Scenarios.RepositoryWithWorkflow(emulator);
        using var client = EmulatorClient.Create(emulator);
        var path = $"repos/{repository.FullName}/actions/runs";

        using var first = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(4999, first.IntHeader("x-ratelimit-remaining"));
        Assert.Equal(1, first.IntHeader("x-ratelimit-used"));
        Assert.Equal(5000, first.IntHeader("x-ratelimit-limit"));
        Assert.Equal("core", first.Header("x-ratelimit-resource"));
        var cache = first.Headers.CacheControl!;
        Assert.True(cache.Private);
        Assert.Equal(TimeSpan.FromSeconds(60), cache.MaxAge);
        Assert.Equal(TimeSpan.FromSeconds(60), cache.SharedMaxAge);
        Assert.Contains("Authorization", first.Header("Vary"), StringComparison.Ordinal);
        var etag = first.Headers.ETag!;
        Assert.StartsWith("W/\"", etag.ToString(), StringComparison.Ordinal);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(conditional, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(4999, notModified.IntHeader("x-ratelimit-remaining"));
        Assert.Equal(4999, emulator.RateLimitRemaining(GitHubEmulator.DefaultToken));
    }

    [Fact]
    public async Task A_change_in_the_scenario_changes_the_ETag()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var (repository, workflow) = Scenarios.RepositoryWithWorkflow(emulator);
        using var client = EmulatorClient.Create(emulator);
        var path = $"repos/{repository.FullName}/actions/runs";
        using var before = await client.GetAsync(path, TestContext.Current.CancellationToken);

        emulator.Scenario.StartRun(workflow.Id, Scenarios.Push());
        using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        using var after = await client.SendAsync(conditional, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.Equal(4998, after.IntHeader("x-ratelimit-remaining"));
    }

    [Fact]
    public async Task Errors_carry_rate_limit_headers_and_cost_budget_while_rate_limit_status_is_free()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(emulator);

        using var notFound = await client.GetAsync("repos/acme/missing", TestContext.Current.CancellationToken);
        await AuthenticationTests.AssertErrorAsync(notFound, HttpStatusCode.NotFound, "Not Found");
        Assert.Equal(4999, notFound.IntHeader("x-ratelimit-remaining"));

        using var unknownRoute = await client.GetAsync("no/such/route", TestContext.Current.CancellationToken);
        await AuthenticationTests.AssertErrorAsync(unknownRoute, HttpStatusCode.NotFound, "Not Found");

        var status = await client.GetJsonAsync("rate_limit");
        Assert.Equal(2, status.GetProperty("resources").GetProperty("core").GetProperty("used").GetInt32());
        Assert.Equal(4998, status.GetProperty("rate").GetProperty("remaining").GetInt32());
        Assert.Equal(4998, emulator.RateLimitRemaining(GitHubEmulator.DefaultToken));
    }

    [Fact]
    public async Task An_exhausted_budget_gets_403_until_the_window_resets()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
        await using var emulator = await GitHubEmulator.StartAsync(
            new GitHubEmulatorOptions { TimeProvider = time, RateLimitPerHour = 3 }, TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(emulator);

        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync("user", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(new DateTimeOffset(2026, 1, 1, 11, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), ok.IntHeader("x-ratelimit-reset"));
        }

        using var limited = await client.GetAsync("user", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, limited.StatusCode);
        Assert.Equal(0, limited.IntHeader("x-ratelimit-remaining"));
        Assert.Equal(3, limited.IntHeader("x-ratelimit-used"));
        var message = JsonDocument.Parse(await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("message").GetString();
        Assert.StartsWith("API rate limit exceeded for user ID 1.", message, StringComparison.Ordinal);

        var status = await client.GetJsonAsync("rate_limit");
        Assert.Equal(0, status.GetProperty("rate").GetProperty("remaining").GetInt32());

        time.Advance(TimeSpan.FromHours(1));
        using var reset = await client.GetAsync("user", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(2, reset.IntHeader("x-ratelimit-remaining"));
    }

    [Fact]
    public async Task Concurrent_requests_are_each_charged_exactly_once()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var (repository, workflow) = Scenarios.RepositoryWithWorkflow(emulator);
        using var client = EmulatorClient.Create(emulator);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            if (i % 10 == 0)
            {
                emulator.Scenario.StartRun(workflow.Id, Scenarios.Push());
            }

            using var response = await client.GetAsync($"repos/{repository.FullName}/actions/runs?per_page=5", TestContext.Current.CancellationToken);
            return response.IntHeader("x-ratelimit-remaining");
        }));

        Assert.Equal(4800, emulator.RateLimitRemaining(GitHubEmulator.DefaultToken));
        Assert.Equal(200, responses.Distinct().Count());
        Assert.Equal(200, emulator.Requests.Snapshot().Count(r => r.CostRateLimit));
        Assert.Equal(20, emulator.Scenario.Runs(repository.FullName).Count);
    }

    [Fact]
    public async Task Each_user_has_their_own_budget()
    {
        await using var emulator = await GitHubEmulator.StartAsync(
            new GitHubEmulatorOptions { Tokens = new Dictionary<string, string> { ["a"] = "alice", ["b"] = "bob" } },
            TestContext.Current.CancellationToken);
        using var alice = EmulatorClient.Create(emulator, "a");
        await alice.GetJsonAsync("user");
        await alice.GetJsonAsync("user");

        Assert.Equal(4998, emulator.RateLimitRemaining("a"));
        Assert.Equal(5000, emulator.RateLimitRemaining("b"));
        Assert.Throws<ArgumentException>(() => emulator.RateLimitRemaining("nobody"));
    }
}
