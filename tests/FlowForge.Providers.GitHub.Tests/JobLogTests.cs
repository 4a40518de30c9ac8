using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Providers.GitHub.Tests;

/// <summary>Job logs: GitHub answers 302 to a signed URL on another host, fetched without the credential.</summary>
public sealed class JobLogTests
{
    private const string LogText = "2025-05-01T10:01:00.0000000Z ##[group]Run actions/checkout@v4\n2025-05-01T10:01:05.0000000Z Done\n";

    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RunStatus.Succeeded, true)]
    [InlineData(RunStatus.Failed, true)]
    [InlineData(RunStatus.Running, false)]
    public async Task The_redirect_is_followed_without_the_token(RunStatus jobStatus, bool complete)
    {
        await using var api = await FakeHttpServer.StartAsync(CancellationToken);
        await using var storage = await FakeHttpServer.StartAsync(CancellationToken);
        api.Handler = context => context.Request.Path.Value == "/repos/acme/app/actions/jobs/399444496/logs"
            ? Respond.Status(context, 302, [("Location", storage.At("logs/399444496.txt?sv=2024&sig=s3cr3t-signature").AbsoluteUri), .. Respond.RateLimit(5000, 4321, 1748782800)])
            : Respond.Status(context, 404);
        storage.Handler = async context =>
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(LogText, context.RequestAborted);
        };
        using var host = new GitHubTestHost();

        var log = await host.Connect(api.Url).GetJobLogAsync(
            GitHubTestHost.Pipeline("acme/app", 7), Run(), Job(jobStatus), CancellationToken);

        Assert.Equal(LogText, log.Text);
        Assert.Equal(complete, log.IsComplete);

        var apiRequest = Assert.Single(api.Requests);
        Assert.Equal($"Bearer {GitHubTestHost.Token}", apiRequest.Header("Authorization"));
        var download = Assert.Single(storage.Requests);
        Assert.Equal("/logs/399444496.txt?sv=2024&sig=s3cr3t-signature", download.PathAndQuery);
        Assert.Null(download.Header("Authorization"));
        Assert.Null(download.Header("X-GitHub-Api-Version"));
        Assert.DoesNotContain("vnd.github", download.Header("Accept") ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(download.Headers.Values, value => value.Contains(GitHubTestHost.Token, StringComparison.Ordinal));
        Assert.Equal(4321, Assert.Single(host.RateLimits.Snapshots).Remaining);
    }

    [Fact]
    public async Task A_relative_redirect_resolves_against_the_api_host_and_still_carries_no_token()
    {
        await using var api = await FakeHttpServer.StartAsync(CancellationToken);
        api.Handler = context => context.Request.Path.Value == "/blobs/log.txt"
            ? Respond.Json(context, "plain log")
            : Respond.Status(context, 302, ("Location", "/blobs/log.txt?sig=x"));
        using var host = new GitHubTestHost();

        var log = await host.Connect(api.Url).GetJobLogAsync(
            GitHubTestHost.Pipeline("acme/app", 7), Run(), Job(RunStatus.Succeeded), CancellationToken);

        Assert.Equal("plain log", log.Text);
        Assert.Null(api.Requests.Last().Header("Authorization"));
    }

    [Fact]
    public async Task A_job_that_has_not_started_has_no_log_yet()
    {
        await using var api = await FakeHttpServer.StartAsync(CancellationToken);
        api.Handler = context => Respond.Json(context, Payloads.Error("Not Found"), 404);
        using var host = new GitHubTestHost();

        var exception = await Assert.ThrowsAsync<ProviderException>(() => host.Connect(api.Url).GetJobLogAsync(
            GitHubTestHost.Pipeline("acme/app", 7), Run(), Job(RunStatus.Queued), CancellationToken));

        Assert.Equal(ProviderErrorKind.NotFound, exception.Kind);
        Assert.Equal("GitHub answered 404 Not Found for GET /repos/acme/app/actions/jobs/399444496/logs: Not Found.", exception.Message);
    }

    [Theory]
    [InlineData(404, ProviderErrorKind.NotFound)]
    [InlineData(403, ProviderErrorKind.Unavailable)]
    [InlineData(503, ProviderErrorKind.Unavailable)]
    public async Task A_failing_download_never_reveals_the_signed_url(int status, ProviderErrorKind expected)
    {
        await using var api = await FakeHttpServer.StartAsync(CancellationToken);
        await using var storage = await FakeHttpServer.StartAsync(CancellationToken);
        api.Handler = context => Respond.Status(context, 302, ("Location", storage.At("logs/1.txt?sig=s3cr3t-signature").AbsoluteUri));
        storage.Handler = context => Respond.Status(context, status);
        using var host = new GitHubTestHost();

        var exception = await Assert.ThrowsAsync<ProviderException>(() => host.Connect(api.Url).GetJobLogAsync(
            GitHubTestHost.Pipeline("acme/app", 7), Run(), Job(RunStatus.Succeeded), CancellationToken));

        Assert.Equal(expected, exception.Kind);
        Assert.Equal(status, exception.UpstreamStatusCode);
        Assert.DoesNotContain("s3cr3t-signature", exception.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(GitHubTestHost.Token, exception.ToString(), StringComparison.Ordinal);
    }

    private static Run Run() => new(
        new PipelineKey(GitHubTestHost.InstanceId, "7"), "29679449", 1, 1, RunStatus.Running, "in_progress", null, null, null, null, null,
        GitHubTestHost.Now, null, null, null, null, Abstractions.Domain.Run.NoParameters);

    private static Job Job(RunStatus status) => new("399444496", "build", status, status.ToString(), null, null, null, null, null, []);
}
