using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Emulators.Buildkite;
using FlowForge.Providers.Buildkite.Tests.Infrastructure;

namespace FlowForge.Providers.Buildkite.Tests;

/// <summary>The provider over real HTTP against the emulator: authentication, paging, rate limits, conditional requests, errors.</summary>
public sealed class HttpBehaviourTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_token_check_names_the_user_and_the_scopes()
    {
        await using var bk = await EmulatedBuildkite.StartAsync(scopes: ["read_builds", "read_pipelines"]);

        var check = await bk.Connection.ValidateCredentialsAsync(Cancel);

        Assert.Equal("Ada Lovelace", check.Identity);
        Assert.Equal(["read_builds", "read_pipelines"], check.GrantedPermissions);
        Assert.All(bk.Emulator.Requests.Snapshot(), request => Assert.True(request.HadAuthorization));
    }

    [Fact]
    public async Task Discovery_follows_the_link_header_through_every_page()
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        for (var i = 0; i < 130; i++)
        {
            bk.AddPipeline($"Service {i:000}");
        }

        var mark = bk.Mark();
        var sources = await bk.Connection.ListSourcesAsync(Cancel);
        var pipelines = await bk.Connection.ListPipelinesAsync(sources, Cancel);

        Assert.Equal(130, sources.Count);
        Assert.Equal(130, pipelines.Count);
        Assert.All(sources, source => Assert.StartsWith("acme-inc/service-", source.Id, StringComparison.Ordinal));
        var requests = bk.Since(mark);
        Assert.Equal(["/v2/organizations/acme-inc/pipelines?per_page=100", "/v2/organizations/acme-inc/pipelines?per_page=100&page=2"], requests.Select(request => request.PathAndQuery));
    }

    [Fact]
    public async Task The_tighter_budget_is_reported_with_its_reset_in_seconds_from_now()
    {
        await using var bk = await EmulatedBuildkite.StartAsync(options => new BuildkiteEmulatorOptions
        {
            Tokens = options.Tokens,
            UserRateLimitPerMinute = 50,
            OrganizationRateLimitPerMinute = 200,
        });

        await bk.Connection.ListSourcesAsync(Cancel);

        var snapshot = Assert.Single(bk.Host.RateLimits.Snapshots);
        Assert.Equal(50, snapshot.Limit);
        Assert.Equal(49, snapshot.Remaining);
        Assert.Equal("rest_user", snapshot.Resource);
        Assert.InRange(snapshot.ResetsAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(61));
    }

    [Fact]
    public async Task An_exhausted_budget_is_rate_limited_until_its_reset_and_names_no_secret()
    {
        await using var bk = await EmulatedBuildkite.StartAsync(options => new BuildkiteEmulatorOptions
        {
            Tokens = options.Tokens,
            UserRateLimitPerMinute = 2,
        });
        await bk.Connection.ListSourcesAsync(Cancel);
        await bk.Connection.ListSourcesAsync(Cancel);

        var error = await Assert.ThrowsAsync<ProviderException>(() => bk.Connection.ListSourcesAsync(Cancel));

        Assert.Equal(ProviderErrorKind.RateLimited, error.Kind);
        Assert.Equal(429, error.UpstreamStatusCode);
        Assert.InRange(error.RetryAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(61));
        Assert.Contains("exceeded your API rate limit", error.Message, StringComparison.Ordinal);
        Assert.Contains("Try again after", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(BuildkiteTestHost.Token, error.Message, StringComparison.Ordinal);
        Assert.Equal("rest_user", bk.Emulator.Requests.Snapshot()[^1].RateLimited);
    }

    [Fact]
    public async Task An_injected_429_is_retried_after_its_retry_after()
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        bk.Emulator.Faults.FailNext(1, BuildkiteFault.TooManyRequestsFor(TimeSpan.FromSeconds(17)));

        var error = await Assert.ThrowsAsync<ProviderException>(() => bk.Connection.ListSourcesAsync(Cancel));

        Assert.Equal(ProviderErrorKind.RateLimited, error.Kind);
        Assert.InRange(error.RetryAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(18));
    }

    [Theory]
    [InlineData("unauthorized", ProviderErrorKind.AuthenticationFailed, 401)]
    [InlineData("server_error", ProviderErrorKind.Unavailable, 500)]
    [InlineData("malformed_json", ProviderErrorKind.BadResponse, null)]
    public async Task Failures_have_their_kind_and_name_no_secret(string fault, ProviderErrorKind kind, int? status)
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        bk.Emulator.Faults.FailNext(1, fault switch
        {
            "unauthorized" => BuildkiteFault.Unauthorized,
            "server_error" => BuildkiteFault.ServerError,
            _ => BuildkiteFault.MalformedJson,
        });

        var error = await Assert.ThrowsAsync<ProviderException>(() => bk.Connection.ListSourcesAsync(Cancel));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.UpstreamStatusCode);
        Assert.Contains("GET /organizations/acme-inc/pipelines", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("per_page", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(BuildkiteTestHost.Token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_without_the_scope_is_a_permission_failure()
    {
        await using var bk = await EmulatedBuildkite.StartAsync(scopes: ["read_pipelines"]);
        var pipeline = bk.AddPipeline("Web");
        bk.Start(pipeline);

        var error = await Assert.ThrowsAsync<ProviderException>(() => bk.Connection.ListRecentRunsAsync([pipeline], 30, Cancel));

        Assert.Equal(ProviderErrorKind.PermissionDenied, error.Kind);
        Assert.Contains("read_builds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_things_are_not_found_and_a_missing_pipeline_does_not_fail_the_others()
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        var pipeline = bk.AddPipeline("Web");
        var gone = BuildkiteTestHost.Pipeline(EmulatedBuildkite.Organization, "gone");
        var build = bk.Start(pipeline);

        Assert.Equal(ProviderErrorKind.NotFound, (await Assert.ThrowsAsync<ProviderException>(() => bk.Connection.GetRunAsync(pipeline, "web:99", Cancel))).Kind);
        Assert.Equal(ProviderErrorKind.NotFound, (await Assert.ThrowsAsync<ProviderException>(() => bk.Connection.GetRunAsync(pipeline, "other:1", Cancel))).Kind);
        Assert.Equal(ProviderErrorKind.NotFound, (await Assert.ThrowsAsync<ProviderException>(() => bk.Connection.GetRunAsync(pipeline, "nonsense", Cancel))).Kind);
        var runs = await bk.Connection.ListRecentRunsAsync([gone, pipeline], 30, Cancel);
        Assert.Equal(build.RunId, Assert.Single(runs).NativeId);
        var listed = await bk.Connection.ListPipelinesAsync([new WatchableSource("acme-inc/gone", "Gone", null, null, null, false), new WatchableSource("other-org/web", "Web", null, null, null, false)], Cancel);
        Assert.Empty(listed);
    }

    [Fact]
    public async Task A_repeated_read_is_conditional_and_reuses_the_body_on_304()
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        var pipeline = bk.AddPipeline("Web");
        var build = bk.Start(pipeline);
        var first = await bk.Connection.ListRecentRunsAsync([pipeline], 30, Cancel);
        var mark = bk.Mark();

        var second = await bk.Connection.ListRecentRunsAsync([pipeline], 30, Cancel);

        var request = Assert.Single(bk.Since(mark));
        Assert.NotNull(request.IfNoneMatch);
        Assert.Equal(304, request.StatusCode);
        Assert.True(request.Costly, "Buildkite counts every request, 304s included.");
        Assert.Equal(first, second);
        Assert.Equal(build.RunId, Assert.Single(second).NativeId);
    }

    [Fact]
    public async Task Without_etags_every_read_is_a_plain_200_and_still_right()
    {
        await using var bk = await EmulatedBuildkite.StartAsync(options => new BuildkiteEmulatorOptions
        {
            Tokens = options.Tokens,
            ETags = false,
            UserRateLimitPerMinute = 10_000,
        });
        var pipeline = bk.AddPipeline("Web");
        bk.Start(pipeline);
        await bk.Connection.ListRecentRunsAsync([pipeline], 30, Cancel);
        bk.Scenario.BeginBuild(EmulatedBuildkite.Organization, pipeline.Key.NativeId, 1);
        var mark = bk.Mark();

        var runs = await bk.Connection.ListRecentRunsAsync([pipeline], 30, Cancel);

        Assert.Equal(RunStatus.Running, Assert.Single(runs).Status);
        var request = Assert.Single(bk.Since(mark));
        Assert.Null(request.IfNoneMatch);
        Assert.Equal(200, request.StatusCode);
        Assert.Equal(0, bk.Connection.Client.CachedResponses);
    }

    [Fact]
    public async Task A_job_log_is_read_and_complete_once_the_job_finished()
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        var pipeline = bk.AddPipeline("Web");
        var build = bk.Start(pipeline);
        bk.Scenario.BeginBuild(EmulatedBuildkite.Organization, pipeline.Key.NativeId, build.Number);
        var run = await bk.Connection.GetRunAsync(pipeline, build.RunId, Cancel);
        var job = Assert.Single(await bk.Connection.ListJobsAsync(pipeline, run, Cancel));

        var partial = await bk.Connection.GetJobLogAsync(pipeline, run, job, Cancel);
        bk.Scenario.CompleteBuild(EmulatedBuildkite.Organization, pipeline.Key.NativeId, build.Number, passed: true);
        run = await bk.Connection.GetRunAsync(pipeline, build.RunId, Cancel);
        job = Assert.Single(await bk.Connection.ListJobsAsync(pipeline, run, Cancel));
        var complete = await bk.Connection.GetJobLogAsync(pipeline, run, job, Cancel);

        Assert.Contains(BuildkiteScenario.LogMarker, partial.Text, StringComparison.Ordinal);
        Assert.False(partial.IsComplete);
        Assert.True(complete.IsComplete);
        Assert.StartsWith(partial.Text, complete.Text, StringComparison.Ordinal);
        Assert.Contains("done", complete.Text, StringComparison.Ordinal);
    }
}
