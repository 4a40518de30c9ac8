using System.Net;
using System.Text.Json;
using FlowForge.Emulators.GitHub;
using FlowForge.Emulators.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Emulators.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task Server_error_answers_500_json_for_as_many_requests_as_asked_then_recovers()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(emulator);
        emulator.Faults.FailNext(2, EmulatedFault.ServerError);

        using var first = await client.GetAsync("user", TestContext.Current.CancellationToken);
        using var control = await client.GetAsync("_emulator/requests", TestContext.Current.CancellationToken);
        using var second = await client.GetAsync("user", TestContext.Current.CancellationToken);
        using var third = await client.GetAsync("user", TestContext.Current.CancellationToken);

        await AuthenticationTests.AssertErrorAsync(first, HttpStatusCode.InternalServerError, "Server Error");
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(0, emulator.Faults.Pending);
        Assert.Equal(4999, emulator.RateLimitRemaining(GitHubEmulator.DefaultToken));
    }

    [Fact]
    public async Task Unauthorized_answers_401_bad_credentials_even_for_a_valid_token()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(emulator);
        emulator.Faults.FailNext(1, EmulatedFault.Unauthorized);

        using var response = await client.GetAsync("user", TestContext.Current.CancellationToken);

        await AuthenticationTests.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "Bad credentials");
    }

    [Fact]
    public async Task Primary_rate_limit_answers_403_with_no_remaining_budget_without_touching_the_real_budget()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(emulator);
        emulator.Faults.FailNext(1, EmulatedFault.PrimaryRateLimit);

        using var response = await client.GetAsync("user", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, response.IntHeader("x-ratelimit-remaining"));
        Assert.Equal(5000, response.IntHeader("x-ratelimit-used"));
        Assert.True(response.IntHeader("x-ratelimit-reset") > DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds());
        Assert.StartsWith("API rate limit exceeded for user ID 1.", await Message(response), StringComparison.Ordinal);
        Assert.Equal(5000, emulator.RateLimitRemaining(GitHubEmulator.DefaultToken));
    }

    [Fact]
    public async Task Secondary_rate_limit_answers_403_with_retry_after()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(emulator);
        emulator.Faults.FailNext(1, EmulatedFault.SecondaryRateLimit);

        using var response = await client.GetAsync("user", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.RetryAfter!.Delta);
        Assert.True(response.IntHeader("x-ratelimit-remaining") > 0);
        Assert.StartsWith("You have exceeded a secondary rate limit.", await Message(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_requests_answers_429_with_retry_after()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(emulator);
        emulator.Faults.FailNext(1, EmulatedFault.TooManyRequests);
        emulator.Faults.FailNext(1, EmulatedFault.TooManyRequestsFor(TimeSpan.FromSeconds(5)));

        using var first = await client.GetAsync("user", TestContext.Current.CancellationToken);
        using var second = await client.GetAsync("user", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), first.Headers.RetryAfter!.Delta);
        Assert.Equal(TimeSpan.FromSeconds(5), second.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task Malformed_json_answers_200_with_normal_headers_and_a_body_that_does_not_parse()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(emulator);
        emulator.Faults.FailNext(1, EmulatedFault.MalformedJson);

        using var response = await client.GetAsync("user", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Header("Content-Type"));
        Assert.Equal(4999, response.IntHeader("x-ratelimit-remaining"));
        Assert.StartsWith("{\"login\":\"octocat\"", body, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Slow_body_sends_the_headers_and_holds_the_body_until_the_delay_passed()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
        await using var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { TimeProvider = time }, TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(emulator);
        emulator.Faults.FailNext(1, new EmulatedFault.SlowBody(TimeSpan.FromSeconds(30)));

        using var response = await client.GetAsync("user", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4999, response.IntHeader("x-ratelimit-remaining"));
        var body = response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.False(body.IsCompleted, "the body must wait for the emulator's clock");

        await Scenarios.EventuallyAsync(() => body.IsCompleted, "the body after the delay", between: () => time.Advance(TimeSpan.FromSeconds(30)));
        Assert.Equal("octocat", JsonDocument.Parse(await body).RootElement.GetProperty("login").GetString());
    }

    [Fact]
    public async Task Slow_body_holds_back_a_response_without_a_body_too()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
        await using var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { TimeProvider = time }, TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(emulator);
        using var first = await client.GetAsync("user", TestContext.Current.CancellationToken);
        emulator.Faults.FailNext(1, new EmulatedFault.SlowBody(TimeSpan.FromSeconds(30)));

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "user");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var pending = client.SendAsync(conditional, TestContext.Current.CancellationToken);
        await Scenarios.EventuallyAsync(() => emulator.Faults.Pending == 0, "the request to take the fault");
        await Task.WhenAny(pending, Task.Delay(200, TestContext.Current.CancellationToken));
        Assert.False(pending.IsCompleted, "the 304 must wait for the emulator's clock");

        await Scenarios.EventuallyAsync(() => pending.IsCompleted, "the 304 after the delay", between: () => time.Advance(TimeSpan.FromSeconds(30)));
        using var response = await pending;
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Disposing_the_emulator_ends_a_held_back_body()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
        var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { TimeProvider = time }, TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(emulator);
        emulator.Faults.FailNext(1, new EmulatedFault.SlowBody(TimeSpan.FromHours(1)));
        using var response = await client.GetAsync("user", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var body = response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        await emulator.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => body.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
        Assert.True(error is IOException or HttpRequestException, $"expected the connection to end, got {error.GetType().Name}");
    }

    [Fact]
    public async Task The_log_host_takes_a_fault_only_when_it_says_so()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var (repository, workflow) = Scenarios.RepositoryWithWorkflow(emulator);
        var run = emulator.Scenario.StartRun(workflow.Id, Scenarios.Push());
        emulator.Scenario.BeginRun(run.Id);
        using var client = EmulatorClient.Create(emulator);
        using var logs = new HttpClient();
        async Task<Uri> LogLink()
        {
            using var redirect = await client.GetAsync($"repos/{repository.FullName}/actions/jobs/{run.Jobs[0].Id}/logs", TestContext.Current.CancellationToken);
            return redirect.Headers.Location!;
        }

        var link = await LogLink();
        emulator.Faults.FailNext(1, EmulatedFault.ServerError);
        using var unaffected = await logs.GetAsync(link, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, unaffected.StatusCode);
        Assert.Equal(1, emulator.Faults.Pending);
        emulator.Faults.Clear();

        emulator.Faults.FailNext(1, EmulatedFault.ServerError with { IncludeLogHost = true });
        using var faulted = await logs.GetAsync(link, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.InternalServerError, faulted.StatusCode);
        Assert.Equal(0, emulator.Faults.Pending);
    }

    [Fact]
    public async Task Faulted_requests_are_recorded_and_cost_nothing()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(emulator);
        emulator.Faults.FailNext(1, EmulatedFault.SecondaryRateLimit);

        using var response = await client.GetAsync("user?x=1", TestContext.Current.CancellationToken);

        var recorded = Assert.Single(emulator.Requests.Snapshot());
        Assert.Equal(("/user?x=1", 403, false), (recorded.PathAndQuery, recorded.StatusCode, recorded.CostRateLimit));
    }

    private static async Task<string> Message(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("message").GetString()!;
}
