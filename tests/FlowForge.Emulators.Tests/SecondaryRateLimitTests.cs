using System.Net;
using System.Text.Json;
using FlowForge.Emulators.GitHub;
using FlowForge.Emulators.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Emulators.Tests;

/// <summary>The modelled rate limits on a fake clock: the primary hourly budget and the secondary per-minute limit.</summary>
public sealed class SecondaryRateLimitTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_secondary_limit_trips_after_N_requests_in_a_minute_and_lifts_60_seconds_later()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
        await using var emulator = await GitHubEmulator.StartAsync(
            new GitHubEmulatorOptions { TimeProvider = time, SecondaryRateLimitPerMinute = 4 }, Cancel);
        using var client = EmulatorClient.Create(emulator);

        // 304s and /rate_limit are free for the primary budget but count here.
        using var first = await client.GetAsync("user", Cancel);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "user");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await client.SendAsync(conditional, Cancel);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        time.Advance(TimeSpan.FromSeconds(20));
        using var status = await client.GetAsync("rate_limit", Cancel);
        using var fourth = await client.GetAsync("user", Cancel);
        Assert.Equal(HttpStatusCode.OK, fourth.StatusCode);

        using var tripped = await client.GetAsync("user", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, tripped.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), tripped.Headers.RetryAfter!.Delta);
        var error = JsonDocument.Parse(await tripped.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.StartsWith("You have exceeded a secondary rate limit", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits", error.GetProperty("documentation_url").GetString());
        Assert.True(tripped.IntHeader("x-ratelimit-remaining") > 0, "a secondary limit leaves the primary budget alone");

        // Blocked for the following minute, wherever the rolling window stands.
        time.Advance(TimeSpan.FromSeconds(45));
        using var stillBlocked = await client.GetAsync("user", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, stillBlocked.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(15), stillBlocked.Headers.RetryAfter!.Delta);

        time.Advance(TimeSpan.FromSeconds(15));
        using var lifted = await client.GetAsync("user", Cancel);
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);

        var log = emulator.Requests.Snapshot();
        Assert.Equal([null, null, null, null, "secondary", "secondary", null], log.Select(r => r.RateLimited));
        Assert.Equal([null, null, null, null, 60, 15, null], log.Select(r => r.RetryAfterSeconds));
        Assert.Equal(2, log.Count(r => r is { StatusCode: 403, CostRateLimit: false }));
        Assert.Equal(3, emulator.Requests.Snapshot().Count(r => r.CostRateLimit));
    }

    [Fact]
    public async Task The_secondary_window_rolls()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
        await using var emulator = await GitHubEmulator.StartAsync(
            new GitHubEmulatorOptions { TimeProvider = time, SecondaryRateLimitPerMinute = 3 }, Cancel);
        using var client = EmulatorClient.Create(emulator);

        for (var i = 0; i < 6; i++)
        {
            // Three requests in any 60 s, never more: every one passes.
            using var response = await client.GetAsync("user", Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            time.Advance(TimeSpan.FromSeconds(20));
        }

        using var a = await client.GetAsync("user", Cancel);
        using var b = await client.GetAsync("user", Cancel);
        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, b.StatusCode);
    }

    [Fact]
    public async Task Without_the_option_there_is_no_secondary_limit()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: Cancel);
        using var client = EmulatorClient.Create(emulator);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var response = await client.GetAsync("user", Cancel);
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task A_small_primary_budget_resets_exactly_at_x_ratelimit_reset_on_the_fake_clock()
    {
        // A window starting mid-second ends on the next whole second, which is what x-ratelimit-reset says.
        var start = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero).AddMilliseconds(250);
        var time = new FakeTimeProvider(start);
        await using var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { TimeProvider = time, RateLimitPerHour = 100 }, Cancel);
        using var client = EmulatorClient.Create(emulator);
        var reset = new DateTimeOffset(2026, 1, 1, 11, 0, 1, TimeSpan.Zero);

        for (var i = 1; i <= 100; i++)
        {
            using var ok = await client.GetAsync("user", Cancel);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(100 - i, ok.IntHeader("x-ratelimit-remaining"));
            Assert.Equal(reset.ToUnixTimeSeconds(), ok.IntHeader("x-ratelimit-reset"));
            time.Advance(TimeSpan.FromSeconds(30));
        }

        using var limited = await client.GetAsync("user", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, limited.StatusCode);
        Assert.Equal(0, limited.IntHeader("x-ratelimit-remaining"));
        Assert.Equal(reset.ToUnixTimeSeconds(), limited.IntHeader("x-ratelimit-reset"));
        Assert.Equal("primary", emulator.Requests.Snapshot()[^1].RateLimited);

        time.SetUtcNow(reset.AddMilliseconds(-1));
        using var justBefore = await client.GetAsync("user", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, justBefore.StatusCode);

        time.SetUtcNow(reset);
        using var atReset = await client.GetAsync("user", Cancel);
        Assert.Equal(HttpStatusCode.OK, atReset.StatusCode);
        Assert.Equal(99, atReset.IntHeader("x-ratelimit-remaining"));
        Assert.Equal(reset.AddHours(1).ToUnixTimeSeconds(), atReset.IntHeader("x-ratelimit-reset"));
        Assert.Equal(99, emulator.RateLimitRemaining(GitHubEmulator.DefaultToken));
    }

    [Fact]
    public async Task An_injected_429_shows_in_the_request_log()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: Cancel);
        using var client = EmulatorClient.Create(emulator);
        emulator.Faults.FailNext(2, EmulatedFault.TooManyRequestsFor(TimeSpan.FromSeconds(17)));

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("user", Cancel);
        }

        var log = emulator.Requests.Snapshot();
        Assert.Equal([429, 429, 200], log.Select(r => r.StatusCode));
        Assert.Equal(["too_many_requests", "too_many_requests", null], log.Select(r => r.Fault));
        Assert.Equal([17, 17, null], log.Select(r => r.RetryAfterSeconds));
        Assert.Equal([false, false, true], log.Select(r => r.CostRateLimit));

        using var control = EmulatorClient.Create(emulator, token: null);
        var first = (await control.GetJsonAsync("_emulator/requests"))[0];
        Assert.Equal("too_many_requests", first.GetProperty("fault").GetString());
        Assert.Equal(17, first.GetProperty("retryAfterSeconds").GetInt32());
    }
}
