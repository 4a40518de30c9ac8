using System.Net;
using System.Net.Sockets;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Providers.GitHub.Tests;

/// <summary>Every failure becomes a <see cref="ProviderException"/> of the right kind, with a message for users and never the token.</summary>
public sealed class ErrorMappingTests
{
    private const long ResetEpoch = 1748782800; // 2025-06-01 13:00:00 UTC, an hour after the fake "now"

    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unauthorized_is_an_authentication_failure_with_GitHubs_message()
    {
        var exception = await FailAsync(context => Respond.Json(context, Payloads.Error("Bad credentials"), 401, Respond.RateLimit(60, 59, ResetEpoch)));

        Assert.Equal(ProviderErrorKind.AuthenticationFailed, exception.Kind);
        Assert.Equal(401, exception.UpstreamStatusCode);
        Assert.Equal("GitHub answered 401 Unauthorized for GET /user: Bad credentials.", exception.Message);
        Assert.Null(exception.RetryAt);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(429)]
    public async Task An_exhausted_primary_limit_is_rate_limited_until_the_reset(int status)
    {
        using var host = new GitHubTestHost();
        var exception = await FailAsync(
            context => Respond.Json(context, Payloads.Error("API rate limit exceeded for user ID 1."), status, Respond.RateLimit(5000, 0, ResetEpoch)),
            host);

        Assert.Equal(ProviderErrorKind.RateLimited, exception.Kind);
        Assert.Equal(status, exception.UpstreamStatusCode);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(ResetEpoch), exception.RetryAt);
        Assert.Contains("API rate limit exceeded for user ID 1.", exception.Message, StringComparison.Ordinal);
        Assert.Contains("2025-06-01 13:00:00 UTC", exception.Message, StringComparison.Ordinal);
        // The error answer's budget is reported too.
        Assert.Equal(0, Assert.Single(host.RateLimits.Snapshots).Remaining);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(429)]
    public async Task A_secondary_limit_with_Retry_After_is_rate_limited_for_that_long(int status)
    {
        var exception = await FailAsync(context => Respond.Json(
            context,
            Payloads.Error("You have exceeded a secondary rate limit. Please wait a few minutes before you try again."),
            status,
            [("Retry-After", "30"), .. Respond.RateLimit(5000, 4000, ResetEpoch)]));

        Assert.Equal(ProviderErrorKind.RateLimited, exception.Kind);
        Assert.Equal(GitHubTestHost.Now.AddSeconds(30), exception.RetryAt);
        Assert.Equal(status, exception.UpstreamStatusCode);
    }

    [Fact]
    public async Task A_secondary_limit_without_Retry_After_waits_a_minute()
    {
        var exception = await FailAsync(context => Respond.Json(
            context, Payloads.Error("You have exceeded a secondary rate limit."), 403, Respond.RateLimit(5000, 4000, ResetEpoch)));

        Assert.Equal(ProviderErrorKind.RateLimited, exception.Kind);
        Assert.Equal(GitHubTestHost.Now.AddMinutes(1), exception.RetryAt);
    }

    [Fact]
    public async Task Too_many_requests_without_any_hint_is_rate_limited()
    {
        var exception = await FailAsync(context => Respond.Status(context, 429));

        Assert.Equal(ProviderErrorKind.RateLimited, exception.Kind);
        Assert.Null(exception.RetryAt);
        Assert.Equal("GitHub answered 429 Too Many Requests for GET /user.", exception.Message);
    }

    [Fact]
    public async Task Forbidden_without_a_rate_limit_signal_is_a_missing_permission()
    {
        var exception = await FailAsync(context => Respond.Json(
            context, Payloads.Error("Resource not accessible by personal access token"), 403, Respond.RateLimit(5000, 4000, ResetEpoch)));

        Assert.Equal(ProviderErrorKind.PermissionDenied, exception.Kind);
        Assert.Equal("GitHub answered 403 Forbidden for GET /user: Resource not accessible by personal access token.", exception.Message);
    }

    [Fact]
    public async Task Not_found_is_not_found()
    {
        var exception = await FailAsync(context => Respond.Json(context, Payloads.Error("Not Found"), 404));

        Assert.Equal(ProviderErrorKind.NotFound, exception.Kind);
        Assert.Equal(404, exception.UpstreamStatusCode);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Server_errors_are_unavailable(int status)
    {
        var exception = await FailAsync(async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>Unicorn!</body></html>", context.RequestAborted);
        });

        Assert.Equal(ProviderErrorKind.Unavailable, exception.Kind);
        Assert.Equal(status, exception.UpstreamStatusCode);
        Assert.StartsWith($"GitHub answered {status} ", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Unicorn", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"login\": ")]
    [InlineData("<html>not json</html>")]
    [InlineData("null")]
    [InlineData("{ \"id\": 1 }")] // login missing
    [InlineData("{ \"login\": null }")]
    public async Task Unreadable_json_is_a_bad_response(string body)
    {
        var exception = await FailAsync(context => Respond.Json(context, body));

        Assert.Equal(ProviderErrorKind.BadResponse, exception.Kind);
        Assert.Contains("GET /user", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_status_is_a_bad_response()
    {
        var exception = await FailAsync(context => Respond.Json(context, Payloads.Error("Validation Failed"), 422));

        Assert.Equal(ProviderErrorKind.BadResponse, exception.Kind);
        Assert.Equal(422, exception.UpstreamStatusCode);
    }

    [Fact]
    public async Task A_timeout_is_unavailable()
    {
        using var host = new GitHubTestHost(client => client.Timeout = TimeSpan.FromMilliseconds(200));

        var exception = await FailAsync(HttpBehaviourTests.WaitForAbortAsync, host);

        Assert.Equal(ProviderErrorKind.Unavailable, exception.Kind);
        Assert.Contains("timed out", exception.Message, StringComparison.Ordinal);
        Assert.Null(exception.UpstreamStatusCode);
    }

    [Fact]
    public async Task An_unreachable_server_is_unavailable()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
        }

        using var host = new GitHubTestHost();
        var exception = await Assert.ThrowsAsync<ProviderException>(
            () => host.Connect(new Uri($"http://127.0.0.1:{port}/")).ValidateCredentialsAsync(CancellationToken));

        Assert.Equal(ProviderErrorKind.Unavailable, exception.Kind);
        Assert.IsType<HttpRequestException>(exception.InnerException);
        Assert.DoesNotContain(GitHubTestHost.Token, exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_echoed_by_the_server_is_scrubbed_from_the_message()
    {
        var exception = await FailAsync(context => Respond.Json(
            context, Payloads.Error($"Token {GitHubTestHost.Token} is\\nnot valid"), 401));

        Assert.Equal("GitHub answered 401 Unauthorized for GET /user: Token [secret] is not valid.", exception.Message);
    }

    [Fact]
    public async Task A_long_message_is_cut()
    {
        var exception = await FailAsync(context => Respond.Json(context, Payloads.Error(new string('x', 5000)), 403));

        Assert.InRange(exception.Message.Length, 300, 400);
    }

    /// <summary>Answers <c>GET /user</c> with <paramref name="handler"/> and returns what the connection threw.</summary>
    private static async Task<ProviderException> FailAsync(RequestDelegate handler, GitHubTestHost? host = null)
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = handler;
        using var ownHost = host is null ? new GitHubTestHost() : null;
        var connection = (host ?? ownHost!).Connect(server.Url);

        var exception = await Assert.ThrowsAsync<ProviderException>(() => connection.ValidateCredentialsAsync(CancellationToken));

        Assert.NotEmpty(server.Requests);
        Assert.DoesNotContain(GitHubTestHost.Token, exception.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer", exception.Message, StringComparison.OrdinalIgnoreCase);
        return exception;
    }
}
