using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Providers.GitHub.Tests;

/// <summary>
/// The POSTs' HTTP behaviour against a fake GitHub, for answers the emulator does not give: the exact body, a POST
/// sent once whatever happens, permission and rate-limit refusals, and a dispatch whose run cannot be looked up.
/// </summary>
public sealed class ActionHttpTests
{
    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    private static Run Run(long id = 42) =>
        new(new PipelineKey(GitHubTestHost.InstanceId, "7"), id.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, 1,
            RunStatus.Failed, "completed/failure", null, "push", "octocat", "main", null, GitHubTestHost.Now, null, null, null, null, Abstractions.Domain.Run.NoParameters);

    [Fact]
    public async Task A_dispatch_posts_one_json_body_through_the_same_headers_as_every_request()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        string? body = null;
        server.Handler = async context =>
        {
            body = await new StreamReader(context.Request.Body).ReadToEndAsync(CancellationToken);
            await Respond.Json(context, """{ "workflow_run_id": 17, "run_url": "x", "html_url": "https://github.com/acme/app/actions/runs/17" }""",
                200, Respond.RateLimit(5000, 4990, 1748782800));
        };
        using var host = new GitHubTestHost();

        var result = await host.Connect(server.Url).TriggerAsync(
            GitHubTestHost.Pipeline("acme/app", 7),
            new TriggerRequest("main", new Dictionary<string, string>(StringComparer.Ordinal) { ["version"] = "2.4.0", ["dry-run"] = "false" }),
            CancellationToken);

        Assert.Equal(("17", 200), (result.RunNativeId, result.UpstreamStatusCode));
        Assert.Equal("""{"ref":"main","inputs":{"version":"2.4.0","dry-run":"false"},"return_run_details":true}""", body);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/repos/acme/app/actions/workflows/7/dispatches"), (request.Method, request.PathAndQuery));
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal($"Bearer {GitHubTestHost.Token}", request.Header("Authorization"));
        Assert.Equal("2022-11-28", request.Header("X-GitHub-Api-Version"));
        Assert.Equal(4990, Assert.Single(host.RateLimits.Snapshots).Remaining);
    }

    [Fact]
    public async Task A_failed_post_is_never_sent_again_and_says_it_may_have_happened()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context => Respond.Json(context, Payloads.Error("Server Error"), 502);
        using var host = new GitHubTestHost();

        var exception = await Assert.ThrowsAsync<ProviderException>(() => host.Connect(server.Url).CancelAsync(
            GitHubTestHost.Pipeline("acme/app", 7), Run(), force: false, CancellationToken));

        Assert.Equal(ProviderErrorKind.Unavailable, exception.Kind);
        Assert.Equal("GitHub answered 502 Bad Gateway for POST /repos/acme/app/actions/runs/42/cancel: Server Error.", exception.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_post_that_gets_no_answer_says_github_may_have_carried_it_out()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context =>
        {
            context.Abort();
            return Task.CompletedTask;
        };
        using var host = new GitHubTestHost();

        var exception = await Assert.ThrowsAsync<ProviderException>(() => host.Connect(server.Url).RerunAsync(
            GitHubTestHost.Pipeline("acme/app", 7), Run(), RerunScope.All, null, CancellationToken));

        Assert.Equal(ProviderErrorKind.Unavailable, exception.Kind);
        Assert.Contains("POST /repos/acme/app/actions/runs/42/rerun", exception.Message, StringComparison.Ordinal);
        Assert.Contains("GitHub may have carried it out anyway", exception.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(403, "Resource not accessible by personal access token", ProviderErrorKind.PermissionDenied)]
    [InlineData(403, "Must have admin rights to Repository.", ProviderErrorKind.PermissionDenied)]
    [InlineData(403, "This workflow is already running", ProviderErrorKind.NotSupported)]
    [InlineData(409, "Conflict", ProviderErrorKind.NotSupported)]
    [InlineData(422, "This workflow run is not re-runnable", ProviderErrorKind.NotSupported)]
    [InlineData(404, "Not Found", ProviderErrorKind.NotFound)]
    public async Task A_rerun_refused_for_the_runs_state_is_not_supported_but_a_missing_permission_stays_one(int status, string message, ProviderErrorKind kind)
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context => Respond.Json(context, Payloads.Error(message), status);
        using var host = new GitHubTestHost();

        var exception = await Assert.ThrowsAsync<ProviderException>(() => host.Connect(server.Url).RerunAsync(
            GitHubTestHost.Pipeline("acme/app", 7), Run(), RerunScope.FailedJobs, null, CancellationToken));

        Assert.Equal(kind, exception.Kind);
        Assert.Equal(status, exception.UpstreamStatusCode);
        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_limited_post_is_rate_limited_not_refused()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context => Respond.Json(context, Payloads.Error("API rate limit exceeded for user ID 1."), 403, Respond.RateLimit(5000, 0, 1748782800));
        using var host = new GitHubTestHost();

        var exception = await Assert.ThrowsAsync<ProviderException>(() => host.Connect(server.Url).RerunAsync(
            GitHubTestHost.Pipeline("acme/app", 7), Run(), RerunScope.All, null, CancellationToken));

        Assert.Equal(ProviderErrorKind.RateLimited, exception.Kind);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1748782800), exception.RetryAt);
    }

    [Fact]
    public async Task A_dispatch_whose_run_cannot_be_looked_up_still_succeeds_without_a_run_id()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context => (context.Request.Method, context.Request.Path.Value) switch
        {
            ("POST", _) => Respond.Status(context, StatusCodes.Status204NoContent),
            ("GET", "/user") => Respond.Json(context, """{ "login": "octocat" }"""),
            _ => Respond.Json(context, Payloads.Error("Server Error"), 500),
        };
        using var host = new GitHubTestHost();

        var result = await host.Connect(server.Url).TriggerAsync(
            GitHubTestHost.Pipeline("acme/app", 7), new TriggerRequest("main", new Dictionary<string, string>()), CancellationToken);

        Assert.Equal((null, null, 204), (result.RunNativeId, result.WebUrl, result.UpstreamStatusCode));
        Assert.Single(server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task An_unreadable_200_to_a_dispatch_falls_back_to_looking_for_the_run()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context => (context.Request.Method, context.Request.Path.Value) switch
        {
            ("POST", _) => Respond.Json(context, "{ \"unexpected\": true }"),
            ("GET", "/user") => Respond.Json(context, """{ "login": "octocat" }"""),
            _ => Respond.Json(context, Payloads.Runs(Payloads.Run(99, 7).Replace("\"push\"", "\"workflow_dispatch\"", StringComparison.Ordinal)
                .Replace("2025-05-01T10:00:00Z", "2025-06-01T12:00:00Z", StringComparison.Ordinal))),
        };
        using var host = new GitHubTestHost();

        var result = await host.Connect(server.Url).TriggerAsync(
            GitHubTestHost.Pipeline("acme/app", 7), new TriggerRequest("refs/heads/main", new Dictionary<string, string>()), CancellationToken);

        Assert.Equal(("99", 200), (result.RunNativeId, result.UpstreamStatusCode));
        Assert.Contains(server.Requests, r => r.PathAndQuery == "/repos/acme/app/actions/workflows/7/runs?event=workflow_dispatch&branch=main&per_page=10");
    }

    [Fact]
    public async Task Actions_on_a_run_of_another_pipeline_or_without_a_job_id_send_nothing()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        using var host = new GitHubTestHost();
        var connection = host.Connect(server.Url);

        var other = await Assert.ThrowsAsync<ProviderException>(() => connection.CancelAsync(GitHubTestHost.Pipeline("acme/app", 8), Run(), force: false, CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => connection.RerunAsync(GitHubTestHost.Pipeline("acme/app", 7), Run(), RerunScope.Job, null, CancellationToken));

        Assert.Equal(ProviderErrorKind.NotFound, other.Kind);
        Assert.Empty(server.Requests);
    }
}
