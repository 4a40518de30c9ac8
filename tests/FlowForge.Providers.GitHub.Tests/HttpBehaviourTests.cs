using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Providers.GitHub.Tests;

/// <summary>Headers, paging, conditional requests, rate limits and base URLs, over real HTTP against a fake GitHub.</summary>
public sealed class HttpBehaviourTests
{
    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_api_request_carries_the_GitHub_headers()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context => Respond.Json(context, """{ "login": "octocat" }""", 200, ("X-OAuth-Scopes", "repo, workflow"));
        using var host = new GitHubTestHost();

        var check = await host.Connect(server.Url).ValidateCredentialsAsync(CancellationToken);

        Assert.Equal("octocat", check.Identity);
        Assert.Equal(["repo", "workflow"], check.GrantedPermissions);
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/user", request.PathAndQuery);
        Assert.Equal($"Bearer {GitHubTestHost.Token}", request.Header("Authorization"));
        Assert.Equal("application/vnd.github+json", request.Header("Accept"));
        Assert.Equal("2022-11-28", request.Header("X-GitHub-Api-Version"));
        Assert.Matches(@"^FlowForge/\d+(\.\d+)+$", request.Header("User-Agent"));
    }

    [Fact]
    public async Task A_fine_grained_token_reports_no_scopes()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context => Respond.Json(context, """{ "login": "octocat" }""");
        using var host = new GitHubTestHost();

        var check = await host.Connect(server.Url).ValidateCredentialsAsync(CancellationToken);

        Assert.Equal("octocat", check.Identity);
        Assert.Empty(check.GrantedPermissions);
    }

    [Fact]
    public async Task Discovery_follows_Link_paging()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context => context.Request.Query["page"].ToString() switch
        {
            "" => Respond.Json(
                context,
                Payloads.Array(Payloads.Repository("acme/one"), Payloads.Repository("acme/two")),
                200,
                ("Link", $"<{server.At("user/repos?per_page=100&page=2")}>; rel=\"next\", <{server.At("user/repos?per_page=100&page=2")}>; rel=\"last\"")),
            "2" => Respond.Json(context, Payloads.Array(Payloads.Repository("octocat/three", archived: true))),
            _ => Respond.Status(context, 404),
        };
        using var host = new GitHubTestHost();

        var sources = await host.Connect(server.Url).ListSourcesAsync(CancellationToken);

        Assert.Equal(["acme/one", "acme/two", "octocat/three"], sources.Select(source => source.Id));
        Assert.True(sources[2].IsArchived);
        Assert.Equal(["/user/repos?per_page=100", "/user/repos?per_page=100&page=2"], server.Requests.Select(request => request.PathAndQuery));
        Assert.All(server.Requests, request => Assert.Equal($"Bearer {GitHubTestHost.Token}", request.Header("Authorization")));
    }

    [Fact]
    public async Task Paging_stops_at_the_page_cap()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        var counter = 0;
        server.Handler = context =>
        {
            var page = Interlocked.Increment(ref counter);
            return Respond.Json(
                context,
                Payloads.Jobs(Payloads.Job(page)),
                200,
                ("Link", $"<{server.At($"repos/acme/app/actions/runs/1/jobs?per_page=100&page={page + 1}")}>; rel=\"next\""));
        };
        using var host = new GitHubTestHost();
        var run = await RunAsync(host, server);

        var jobs = await host.Connect(server.Url).ListJobsAsync(GitHubTestHost.Pipeline("acme/app", 7), run, CancellationToken);

        Assert.Equal(GitHubApiClient.DefaultPageCap, jobs.Count);
        Assert.Equal(GitHubApiClient.DefaultPageCap, server.Requests.Count);
    }

    [Fact]
    public async Task The_owners_setting_limits_discovery_case_insensitively()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context => Respond.Json(
            context,
            Payloads.Array(Payloads.Repository("Acme/one"), Payloads.Repository("other/two"), Payloads.Repository("octocat/three")));
        using var host = new GitHubTestHost();

        var sources = await host.Connect(server.Url, owners: "acme, OctoCat").ListSourcesAsync(CancellationToken);

        Assert.Equal(["Acme/one", "octocat/three"], sources.Select(source => source.Id));
    }

    [Fact]
    public async Task A_repeated_poll_is_conditional_and_a_304_gives_the_same_runs()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        const string ETag = "W/\"runs-v1\"";
        server.Handler = context => context.Request.Headers.IfNoneMatch.ToString() == ETag
            ? Respond.Status(context, 304, [("ETag", ETag), .. Respond.RateLimit(5000, 4998, 1748782800)])
            : Respond.Json(
                context,
                Payloads.Runs(Payloads.Run(11, workflowId: 7), Payloads.Run(10, workflowId: 7, "in_progress", null)),
                200,
                [("ETag", ETag), .. Respond.RateLimit(5000, 4999, 1748782800)]);
        using var host = new GitHubTestHost();
        var connection = host.Connect(server.Url);
        var pipeline = GitHubTestHost.Pipeline("acme/app", 7);

        var first = await connection.ListRecentRunsAsync([pipeline], 20, CancellationToken);
        var second = await connection.ListRecentRunsAsync([pipeline], 20, CancellationToken);

        Assert.Equal(2, first.Count);
        Assert.Equal(first, second);
        Assert.Equal([RunStatus.Succeeded, RunStatus.Running], second.Select(run => run.Status));
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Null(requests[0].Header("If-None-Match"));
        Assert.Equal(ETag, requests[1].Header("If-None-Match"));

        // Both answers reported the budget, the 304 included.
        var snapshots = host.RateLimits.Snapshots.ToArray();
        Assert.Equal([4999, 4998], snapshots.Select(snapshot => snapshot.Remaining));
        Assert.All(snapshots, snapshot =>
        {
            Assert.Equal(5000, snapshot.Limit);
            Assert.Equal("core", snapshot.Resource);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1748782800), snapshot.ResetsAt);
            Assert.Equal(GitHubTestHost.Now, snapshot.ObservedAt);
        });
    }

    [Fact]
    public async Task A_304_on_a_paged_list_reuses_the_cached_next_link()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context =>
        {
            var second = context.Request.Query["page"] == "2";
            var etag = second ? "\"page-2\"" : "\"page-1\"";
            if (context.Request.Headers.IfNoneMatch.ToString() == etag)
            {
                // A 304 repeats no Link header: the client must remember where page 2 was.
                return Respond.Status(context, 304, ("ETag", etag));
            }

            return second
                ? Respond.Json(context, Payloads.Workflows(Payloads.Workflow(2, "Deploy")), 200, ("ETag", etag))
                : Respond.Json(
                    context,
                    Payloads.Workflows(Payloads.Workflow(1, "CI")),
                    200,
                    ("ETag", etag),
                    ("Link", $"<{server.At("repos/acme/app/actions/workflows?per_page=100&page=2")}>; rel=\"next\""));
        };
        using var host = new GitHubTestHost();
        var connection = host.Connect(server.Url);
        WatchableSource[] sources = [GitHubTestHost.Source("acme/app", "develop")];

        var first = await connection.ListPipelinesAsync(sources, CancellationToken);
        var second = await connection.ListPipelinesAsync(sources, CancellationToken);

        Assert.Equal(["CI", "Deploy"], first.Select(pipeline => pipeline.Name));
        Assert.Equal(first.Select(pipeline => (pipeline.Key, pipeline.Name, pipeline.FilePath)), second.Select(pipeline => (pipeline.Key, pipeline.Name, pipeline.FilePath)));
        Assert.All(second, pipeline => Assert.Equal("develop", pipeline.DefaultBranch));
        Assert.All(second, pipeline => Assert.Equal("acme/app", pipeline.Repository));
        var requests = server.Requests.ToArray();
        Assert.Equal(4, requests.Length);
        Assert.Equal("\"page-1\"", requests[2].Header("If-None-Match"));
        Assert.Equal("\"page-2\"", requests[3].Header("If-None-Match"));
        Assert.Equal("/repos/acme/app/actions/workflows?per_page=100&page=2", requests[3].PathAndQuery);
    }

    [Fact]
    public async Task A_body_that_failed_to_parse_is_not_cached()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        var calls = 0;
        server.Handler = context =>
        {
            var call = Interlocked.Increment(ref calls);
            return call == 1
                ? Respond.Json(context, "{ \"workflow_runs\": [ { \"id\": ", 200, ("ETag", "\"broken\""))
                : Respond.Json(context, Payloads.Runs(Payloads.Run(1, 7)), 200, ("ETag", "\"fixed\""));
        };
        using var host = new GitHubTestHost();
        var connection = host.Connect(server.Url);
        var pipeline = GitHubTestHost.Pipeline("acme/app", 7);

        var failure = await Assert.ThrowsAsync<ProviderException>(() => connection.ListRecentRunsAsync([pipeline], 20, CancellationToken));
        Assert.Equal(0, connection.Client.CachedResponses);
        var runs = await connection.ListRecentRunsAsync([pipeline], 20, CancellationToken);

        Assert.Equal(ProviderErrorKind.BadResponse, failure.Kind);
        Assert.Single(runs);
        Assert.Equal(1, connection.Client.CachedResponses);
        Assert.Null(server.Requests.Last().Header("If-None-Match"));
    }

    [Fact]
    public async Task Recent_runs_cost_one_request_per_repository_and_keep_only_the_given_workflows()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context => context.Request.Path.Value switch
        {
            "/repos/acme/app/actions/runs" => Respond.Json(
                context, Payloads.Runs(Payloads.Run(3, workflowId: 7), Payloads.Run(2, workflowId: 8), Payloads.Run(1, workflowId: 99))),
            "/repos/acme/lib/actions/runs" => Respond.Json(context, Payloads.Runs(Payloads.Run(5, workflowId: 20))),
            _ => Respond.Status(context, 404),
        };
        using var host = new GitHubTestHost();
        Pipeline[] pipelines =
        [
            GitHubTestHost.Pipeline("acme/app", 7),
            GitHubTestHost.Pipeline("acme/app", 8),
            GitHubTestHost.Pipeline("acme/lib", 20),
        ];

        var runs = await host.Connect(server.Url).ListRecentRunsAsync(pipelines, 500, CancellationToken);

        Assert.Equal(["3", "2", "5"], runs.Select(run => run.NativeId));
        Assert.Equal(["7", "8", "20"], runs.Select(run => run.Pipeline.NativeId));
        Assert.Equal(
            ["/repos/acme/app/actions/runs?per_page=100", "/repos/acme/lib/actions/runs?per_page=100"],
            server.Requests.Select(request => request.PathAndQuery).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Recent_runs_ask_for_no_more_than_the_limit()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context => Respond.Json(context, Payloads.Runs(Payloads.Run(1, 7)));
        using var host = new GitHubTestHost();

        await host.Connect(server.Url).ListRecentRunsAsync([GitHubTestHost.Pipeline("acme/app", 7)], 5, CancellationToken);

        Assert.Equal("/repos/acme/app/actions/runs?per_page=5", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task A_run_is_read_by_id_and_must_belong_to_the_pipeline()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context => context.Request.Path.Value == "/repos/acme/app/actions/runs/42"
            ? Respond.Json(context, Payloads.Run(42, workflowId: 7, "completed", "neutral"))
            : Respond.Status(context, 404);
        using var host = new GitHubTestHost();
        var connection = host.Connect(server.Url);

        var run = await connection.GetRunAsync(GitHubTestHost.Pipeline("acme/app", 7), "42", CancellationToken);
        var foreign = await Assert.ThrowsAsync<ProviderException>(
            () => connection.GetRunAsync(GitHubTestHost.Pipeline("acme/app", 8), "42", CancellationToken));

        Assert.Equal("42", run.NativeId);
        Assert.Equal(RunStatus.SucceededWithWarnings, run.Status);
        Assert.Equal("hubot", run.Actor); // triggering_actor wins over actor
        Assert.Equal(run.UpdatedAt, run.FinishedAt);
        Assert.Equal(ProviderErrorKind.NotFound, foreign.Kind);
    }

    [Fact]
    public async Task Jobs_of_a_run_are_listed_with_their_steps()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context => context.Request.Path.Value == "/repos/acme/app/actions/runs/42/jobs"
            ? Respond.Json(context, Payloads.Jobs(Payloads.Job(1), Payloads.Job(2, "in_progress", null)))
            : Respond.Json(context, Payloads.Run(42, 7));
        using var host = new GitHubTestHost();
        var connection = host.Connect(server.Url);
        var pipeline = GitHubTestHost.Pipeline("acme/app", 7);
        var run = await connection.GetRunAsync(pipeline, "42", CancellationToken);

        var jobs = await connection.ListJobsAsync(pipeline, run, CancellationToken);

        Assert.Equal("/repos/acme/app/actions/runs/42/jobs?per_page=100", server.Requests.Last().PathAndQuery);
        Assert.Equal([RunStatus.Succeeded, RunStatus.Running], jobs.Select(job => job.Status));
        Assert.All(jobs, job => Assert.Equal("runner-1", job.Runner));
        Assert.Equal(TimeSpan.FromSeconds(5), jobs[0].Steps[0].FinishedAt - jobs[0].Steps[0].StartedAt);
    }

    [Theory]
    [InlineData("api/v3")]
    [InlineData("api/v3/")]
    public async Task A_GitHub_Enterprise_Server_base_url_keeps_its_path(string pathBase)
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context => context.Request.Path.Value switch
        {
            "/api/v3/user" => Respond.Json(context, """{ "login": "ghe-user" }"""),
            "/api/v3/repos/acme/app/actions/runs" => Respond.Json(context, Payloads.Runs(Payloads.Run(1, 7))),
            _ => Respond.Json(context, Payloads.Error("Not Found"), 404),
        };
        using var host = new GitHubTestHost();
        var connection = host.Connect(server.At(pathBase));

        var check = await connection.ValidateCredentialsAsync(CancellationToken);
        var runs = await connection.ListRecentRunsAsync([GitHubTestHost.Pipeline("acme/app", 7)], 10, CancellationToken);
        var missing = await Assert.ThrowsAsync<ProviderException>(() => connection.GetRunAsync(GitHubTestHost.Pipeline("acme/app", 7), "5", CancellationToken));

        Assert.Equal("ghe-user", check.Identity);
        Assert.Single(runs);
        Assert.Equal(
            ["/api/v3/user", "/api/v3/repos/acme/app/actions/runs?per_page=10", "/api/v3/repos/acme/app/actions/runs/5"],
            server.Requests.Select(request => request.PathAndQuery));
        // Messages name the API path, as GitHub's documentation does, not the server's path base.
        Assert.Equal("GitHub answered 404 Not Found for GET /repos/acme/app/actions/runs/5: Not Found.", missing.Message);
    }

    [Fact]
    public async Task A_same_host_redirect_is_followed_with_the_token()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context => context.Request.Path.Value switch
        {
            "/repos/acme/old-name/actions/runs" => Respond.Status(
                context, 301, ("Location", server.At("repositories/123/actions/runs?per_page=10").AbsoluteUri)),
            "/repositories/123/actions/runs" => Respond.Json(context, Payloads.Runs(Payloads.Run(1, 7))),
            _ => Respond.Status(context, 404),
        };
        using var host = new GitHubTestHost();

        var runs = await host.Connect(server.Url).ListRecentRunsAsync([GitHubTestHost.Pipeline("acme/old-name", 7)], 10, CancellationToken);

        Assert.Single(runs);
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal($"Bearer {GitHubTestHost.Token}", requests[1].Header("Authorization"));
    }

    [Fact]
    public async Task A_redirect_to_another_host_is_not_followed()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        await using var elsewhere = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context => Respond.Status(context, 302, ("Location", elsewhere.At("steal").AbsoluteUri));
        using var host = new GitHubTestHost();

        var exception = await Assert.ThrowsAsync<ProviderException>(() => host.Connect(server.Url).ValidateCredentialsAsync(CancellationToken));

        Assert.Equal(ProviderErrorKind.BadResponse, exception.Kind);
        Assert.Empty(elsewhere.Requests);
        Assert.DoesNotContain(GitHubTestHost.Token, exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_next_link_to_another_host_is_not_followed()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        await using var elsewhere = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context => Respond.Json(
            context, Payloads.Array(Payloads.Repository("acme/one")), 200, ("Link", $"<{elsewhere.At("user/repos?page=2")}>; rel=\"next\""));
        using var host = new GitHubTestHost();

        var exception = await Assert.ThrowsAsync<ProviderException>(() => host.Connect(server.Url).ListSourcesAsync(CancellationToken));

        Assert.Equal(ProviderErrorKind.BadResponse, exception.Kind);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task A_repository_that_disappeared_does_not_fail_the_others()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context => context.Request.Path.Value == "/repos/acme/app/actions/workflows"
            ? Respond.Json(context, Payloads.Workflows(Payloads.Workflow(1, "CI")))
            : Respond.Json(context, Payloads.Error("Not Found"), 404);
        using var host = new GitHubTestHost();

        var pipelines = await host.Connect(server.Url).ListPipelinesAsync(
            [GitHubTestHost.Source("acme/gone"), GitHubTestHost.Source("acme/app")], CancellationToken);

        Assert.Equal("CI", Assert.Single(pipelines).Name);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Repository_names_are_escaped_into_the_path()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        server.Handler = context => Respond.Json(context, Payloads.Workflows());
        using var host = new GitHubTestHost();

        await host.Connect(server.Url).ListPipelinesAsync([GitHubTestHost.Source("acme/app?x=1#y")], CancellationToken);

        Assert.Equal("/repos/acme/app%3Fx%3D1%23y/actions/workflows?per_page=100", Assert.Single(server.Requests).RawTarget);
    }

    [Fact]
    public async Task A_cancelled_call_is_cancelled_not_turned_into_a_provider_error()
    {
        await using var server = await FakeHttpServer.StartAsync(CancellationToken);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Handler = async context =>
        {
            started.TrySetResult();
            await WaitForAbortAsync(context);
        };
        using var host = new GitHubTestHost();
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);

        var call = host.Connect(server.Url).ValidateCredentialsAsync(caller.Token);
        await started.Task.WaitAsync(CancellationToken);
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    internal static async Task WaitForAbortAsync(HttpContext context)
    {
        // Bounded: the client gives up (timeout or cancellation) long before this.
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<Run> RunAsync(GitHubTestHost host, FakeHttpServer server)
    {
        var handler = server.Handler;
        server.Handler = context => Respond.Json(context, Payloads.Run(1, 7));
        var run = await host.Connect(server.Url).GetRunAsync(GitHubTestHost.Pipeline("acme/app", 7), "1", CancellationToken);
        server.Handler = handler;
        server.Requests.Clear();
        return run;
    }
}
