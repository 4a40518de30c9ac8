using System.Net;
using System.Text.Json;
using FlowForge.Emulators.Buildkite;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Emulators.Tests.Buildkite;

/// <summary>The emulator's REST API as Buildkite's docs describe it: authentication, paging, rate limits, ETags, error shapes.</summary>
public sealed class BuildkiteApiTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero));
    private BuildkiteEmulator _emulator = null!;
    private HttpClient _client = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await BuildkiteEmulator.StartAsync(new BuildkiteEmulatorOptions { TimeProvider = _time, UserRateLimitPerMinute = 5, OrganizationRateLimitPerMinute = 200 }, Cancel);
        _emulator.Scenario.AddOrganization("acme", "Acme");
        _client = BuildkiteClient.Create(_emulator);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic YWRhOnRva2Vu")]
    [InlineData("Bearer wrong-token-not-real")]
    public async Task Requests_without_a_valid_bearer_token_get_401(string? authorization)
    {
        using var client = BuildkiteClient.Create(_emulator, token: null);
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        var error = await client.JsonAsync("organizations/acme/pipelines", HttpStatusCode.Unauthorized);

        Assert.StartsWith("Authentication required.", error.Text("message"), StringComparison.Ordinal);
        Assert.False(_emulator.Requests.Snapshot()[^1].Costly);
    }

    [Fact]
    public async Task The_current_token_and_user_are_described()
    {
        var token = await _client.JsonAsync("access-token");
        var user = await _client.JsonAsync("user");

        Assert.Equal("Ada Lovelace", token.GetProperty("user").Text("name"));
        Assert.Contains("read_builds", token.GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()));
        Assert.Equal("ada@example.com", user.Text("email"));
    }

    [Fact]
    public async Task Lists_are_paged_with_a_link_header()
    {
        for (var i = 0; i < 7; i++)
        {
            _emulator.Scenario.AddPipeline("acme", $"Pipeline {i}");
        }

        using var first = await _client.GetAsync("organizations/acme/pipelines?per_page=3", Cancel);
        using var second = await _client.GetAsync("organizations/acme/pipelines?per_page=3&page=2", Cancel);

        var root = _emulator.ApiBaseUrl.AbsoluteUri;
        Assert.Equal(
            $"<{root}organizations/acme/pipelines?per_page=3&page=2>; rel=\"next\", <{root}organizations/acme/pipelines?per_page=3&page=3>; rel=\"last\"",
            first.Header("Link"));
        Assert.Contains("rel=\"prev\"", second.Header("Link"), StringComparison.Ordinal);
        Assert.Contains("rel=\"first\"", second.Header("Link"), StringComparison.Ordinal);
        Assert.Equal(["pipeline-3", "pipeline-4", "pipeline-5"], (await second.JsonAsync(HttpStatusCode.OK, "page 2")).EnumerateArray().Select(p => p.Text("slug")));
    }

    [Fact]
    public async Task Every_answer_carries_both_budgets_and_an_exhausted_one_answers_429()
    {
        for (var i = 0; i < 5; i++)
        {
            using var ok = await _client.GetAsync("organizations/acme", Cancel);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(4 - i, ok.IntHeader("RateLimit-User-Remaining"));
            Assert.Equal(199 - i, ok.IntHeader("RateLimit-Remaining"));
            Assert.Equal("rest", ok.Header("RateLimit-Scope"));
            Assert.Equal("rest_user", ok.Header("RateLimit-User-Scope"));
            Assert.Equal(60, ok.IntHeader("RateLimit-Reset"));
        }

        _time.Advance(TimeSpan.FromSeconds(18));
        using var refused = await _client.GetAsync("organizations/acme", Cancel);
        var body = await refused.JsonAsync(HttpStatusCode.TooManyRequests, "sixth request");

        Assert.Equal("rest_user", body.Text("scope"));
        Assert.Equal(5, body.GetProperty("limit").GetInt32());
        Assert.Equal(6, body.GetProperty("current").GetInt32());
        Assert.Equal(42, body.GetProperty("reset").GetInt32());
        Assert.Equal("You have exceeded your API rate limit. Please wait 42 seconds before making more requests.", body.Text("message"));
        Assert.Equal(42, refused.IntHeader("RateLimit-User-Reset"));
        Assert.Equal("You have exceeded your API rate limit.", refused.Header("RateLimit-User-Warning"));
        Assert.False(refused.Headers.Contains("Retry-After"));

        _time.Advance(TimeSpan.FromSeconds(42));
        using var later = await _client.GetAsync("organizations/acme", Cancel);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(4, later.IntHeader("RateLimit-User-Remaining"));
    }

    [Fact]
    public async Task A_repeated_get_is_answered_304_and_still_counts()
    {
        _emulator.Scenario.AddPipeline("acme", "Web");
        using var first = await _client.GetAsync("organizations/acme/pipelines/web", Cancel);
        using var request = new HttpRequestMessage(HttpMethod.Get, "organizations/acme/pipelines/web");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await _client.SendAsync(request, Cancel);

        Assert.StartsWith("W/", first.Headers.ETag!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(3, second.IntHeader("RateLimit-User-Remaining"));
        Assert.True(_emulator.Requests.Snapshot()[^1].Costly);
    }

    [Fact]
    public async Task Faults_come_in_order_and_the_scripting_endpoints_are_not_recorded()
    {
        _emulator.Faults.FailNext(1, BuildkiteFault.ServerError);
        _emulator.Faults.FailNext(1, BuildkiteFault.TooManyRequestsFor(TimeSpan.FromSeconds(17)));
        _emulator.Faults.FailNext(1, BuildkiteFault.MalformedJson);

        using var error = await _client.GetAsync("organizations/acme", Cancel);
        using var limited = await _client.GetAsync("organizations/acme", Cancel);
        using var malformed = await _client.GetAsync("organizations/acme", Cancel);
        using var control = await _client.GetAsync(new Uri(_emulator.ApiBaseUrl, "/_emulator/requests"), Cancel);

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("17", limited.Header("Retry-After"));
        Assert.Equal(0, limited.IntHeader("RateLimit-User-Remaining"));
        await Assert.ThrowsAnyAsync<JsonException>(async () => JsonDocument.Parse(await malformed.Content.ReadAsStringAsync(Cancel)));
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        Assert.Equal(["server_error", "too_many_requests", "malformed_json"], _emulator.Requests.Snapshot().Select(request => request.Fault));
    }

    [Fact]
    public async Task A_slow_body_waits_for_the_clock()
    {
        _emulator.Faults.FailNext(1, BuildkiteFault.SlowBody(TimeSpan.FromSeconds(30)));
        using var response = await _client.GetAsync("organizations/acme", HttpCompletionOption.ResponseHeadersRead, Cancel);
        var body = response.Content.ReadAsStringAsync(Cancel);

        await Task.Delay(100, Cancel);
        Assert.False(body.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Contains("\"slug\":\"acme\"", await body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_things_are_404_with_a_message()
    {
        var missing = await _client.JsonAsync("organizations/acme/pipelines/nope", HttpStatusCode.NotFound);
        var unknownOrganization = await _client.JsonAsync("organizations/nobody/pipelines", HttpStatusCode.NotFound);

        Assert.Equal("Not Found", missing.Text("message"));
        Assert.Equal("Not Found", unknownOrganization.Text("message"));
    }
}
