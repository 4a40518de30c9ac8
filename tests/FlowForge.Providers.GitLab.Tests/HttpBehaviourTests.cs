using System.Net;
using FlowForge.Abstractions.Providers;
using FlowForge.Emulators.GitLab;
using FlowForge.Providers.GitLab.Tests.Infrastructure;

namespace FlowForge.Providers.GitLab.Tests;

/// <summary>How the client talks HTTP: its token header, paging, the throttle headers it reports and how failures read.</summary>
public sealed class HttpBehaviourTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_access_token_goes_as_PRIVATE_TOKEN_and_an_OAuth_token_as_Bearer()
    {
        using var stub = new StubHandler()
            .Answer(HttpStatusCode.OK, """{"username":"root"}""")
            .Answer(HttpStatusCode.OK, """{"scopes":["read_api"]}""")
            .Answer(HttpStatusCode.OK, """{"username":"root"}""");
        using var host = new GitLabTestHost(stub);

        var check = await host.Connect(new Uri("https://gitlab.example.com/api/v4")).ValidateCredentialsAsync(Cancel);
        await host.Connect(new Uri("https://gitlab.example.com/api/v4"), new Dictionary<string, string> { ["tokenType"] = "oauth" }).ValidateCredentialsAsync(Cancel);

        var requests = stub.Requests.ToList();
        Assert.Equal(3, requests.Count);
        Assert.Equal("https://gitlab.example.com/api/v4/user", requests[0].RequestUri?.AbsoluteUri);
        Assert.Equal(GitLabTestHost.Token, Assert.Single(requests[0].Headers.GetValues("PRIVATE-TOKEN")));
        Assert.Null(requests[0].Headers.Authorization);
        Assert.Equal("https://gitlab.example.com/api/v4/personal_access_tokens/self", requests[1].RequestUri?.AbsoluteUri);
        Assert.Equal(("Bearer", GitLabTestHost.Token), (requests[2].Headers.Authorization?.Scheme, requests[2].Headers.Authorization?.Parameter));
        Assert.False(requests[2].Headers.Contains("PRIVATE-TOKEN"));
        Assert.Equal("root", check.Identity);
        Assert.Equal(["read_api"], check.GrantedPermissions);
    }

    [Fact]
    public async Task Projects_are_walked_with_keyset_paging_every_page_once()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        for (var i = 0; i < 230; i++)
        {
            gitlab.Scenario.AddProject("fleet", $"service-{i:D3}");
        }

        var mark = gitlab.Mark();
        var sources = await gitlab.Connection.ListSourcesAsync(Cancel);

        Assert.Equal(230, sources.Count);
        Assert.Equal(230, sources.Select(source => source.Id).Distinct().Count());
        var requests = gitlab.RequestsSince(mark);
        Assert.Equal(3, requests.Count);
        Assert.Equal("GET /api/v4/projects?membership=true&order_by=id&sort=asc&pagination=keyset&per_page=100", requests[0]);
        Assert.All(requests.Skip(1), request => Assert.Contains("id_after=", request, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Group_projects_include_subgroups_and_are_paged_by_page()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync(new Dictionary<string, string> { ["groups"] = "acme, tools/ci" });
        for (var i = 0; i < 120; i++)
        {
            gitlab.Scenario.AddProject(i % 2 == 0 ? "acme" : "acme/platform/deep", $"p{i:D3}");
        }

        gitlab.Scenario.AddProject("tools/ci", "runner-images");
        gitlab.Scenario.AddProject("elsewhere", "not-watched");
        var mark = gitlab.Mark();

        var sources = await gitlab.Connection.ListSourcesAsync(Cancel);

        Assert.Equal(121, sources.Count);
        Assert.Contains(sources, source => source.Id == "acme/platform/deep/p001");
        Assert.Contains(sources, source => source.Id == "tools/ci/runner-images");
        Assert.DoesNotContain(sources, source => source.Id.StartsWith("elsewhere/", StringComparison.Ordinal));
        Assert.Equal(
            [
                "GET /api/v4/groups/acme/projects?include_subgroups=true&order_by=id&sort=asc&per_page=100",
                "GET /api/v4/groups/acme/projects?include_subgroups=true&order_by=id&sort=asc&per_page=100&page=2",
                "GET /api/v4/groups/tools%2Fci/projects?include_subgroups=true&order_by=id&sort=asc&per_page=100",
            ],
            gitlab.RequestsSince(mark));
    }

    [Fact]
    public async Task Without_a_Link_header_the_next_page_comes_from_X_Next_Page()
    {
        using var stub = new StubHandler()
            .Answer(HttpStatusCode.OK, """[{"id":1,"name":"A","path_with_namespace":"g/a","web_url":"https://h/g/a"}]""", configure: response => response.Headers.Add("X-Next-Page", "2"))
            .Answer(HttpStatusCode.OK, """[{"id":2,"name":"B","path_with_namespace":"g/b","web_url":"https://h/g/b"}]""", configure: response => response.Headers.Add("X-Next-Page", ""));
        using var host = new GitLabTestHost(stub);

        var sources = await host.Connect(new Uri("https://h/api/v4"), new Dictionary<string, string> { ["groups"] = "g" }).ListSourcesAsync(Cancel);

        Assert.Equal(["g/a", "g/b"], sources.Select(source => source.Id));
        Assert.Equal("https://h/api/v4/groups/g/projects?include_subgroups=true&order_by=id&sort=asc&per_page=100&page=2", stub.Requests.Last().RequestUri?.AbsoluteUri);
    }

    [Fact]
    public async Task A_next_page_link_to_another_host_is_refused()
    {
        using var stub = new StubHandler().Answer(
            HttpStatusCode.OK,
            """[{"id":1,"name":"A","path_with_namespace":"g/a","web_url":"https://h/g/a"}]""",
            configure: response => response.Headers.Add("Link", "<https://evil.example/api/v4/projects?page=2>; rel=\"next\""));
        using var host = new GitLabTestHost(stub);

        var error = await Assert.ThrowsAsync<ProviderException>(() => host.Connect(new Uri("https://h/api/v4")).ListSourcesAsync(Cancel));

        Assert.Equal(ProviderErrorKind.BadResponse, error.Kind);
        Assert.Contains("evil.example", error.Message, StringComparison.Ordinal);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task Every_answer_reports_the_throttle_budget()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        gitlab.AddProject();

        await gitlab.Connection.ListSourcesAsync(Cancel);
        await gitlab.Connection.ListSourcesAsync(Cancel);

        var snapshots = gitlab.Host.RateLimits.Snapshots.ToList();
        Assert.Equal(2, snapshots.Count);
        Assert.All(snapshots, snapshot => Assert.Equal(2000, snapshot.Limit));
        Assert.Equal([1999, 1998], snapshots.Select(snapshot => snapshot.Remaining));
        Assert.All(snapshots, snapshot => Assert.Equal("throttle_authenticated_api", snapshot.Resource));
        Assert.All(snapshots, snapshot => Assert.Equal(GitLabTestHost.Now.AddMinutes(1), snapshot.ResetsAt));
        Assert.Equal(1998, gitlab.Emulator.RateLimitRemaining(GitLabTestHost.Token));
    }

    [Fact]
    public async Task A_throttled_answer_says_when_to_try_again_from_Retry_After_or_else_the_window_reset()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        gitlab.Emulator.Faults.FailNext(1, GitLabFault.Throttled(TimeSpan.FromSeconds(17)));
        gitlab.Emulator.Faults.FailNext(1, GitLabFault.Throttled(TimeSpan.FromSeconds(17), sendRetryAfter: false));

        var withRetryAfter = await Assert.ThrowsAsync<ProviderException>(() => gitlab.Connection.ListSourcesAsync(Cancel));
        var withoutRetryAfter = await Assert.ThrowsAsync<ProviderException>(() => gitlab.Connection.ListSourcesAsync(Cancel));

        Assert.Equal(ProviderErrorKind.RateLimited, withRetryAfter.Kind);
        Assert.Equal(GitLabTestHost.Now.AddSeconds(17), withRetryAfter.RetryAt);
        Assert.Equal(429, withRetryAfter.UpstreamStatusCode);
        Assert.Contains("Retry later", withRetryAfter.Message, StringComparison.Ordinal);
        Assert.Equal(ProviderErrorKind.RateLimited, withoutRetryAfter.Kind);
        Assert.Equal(GitLabTestHost.Now.AddMinutes(1), withoutRetryAfter.RetryAt);
        Assert.Equal(0, gitlab.Host.RateLimits.Snapshots.Last().Remaining);
    }

    [Fact]
    public async Task Spending_the_whole_budget_gets_429_until_the_window_resets()
    {
        var host = new GitLabTestHost();
        await using var emulator = await GitLabEmulator.StartAsync(new GitLabEmulatorOptions
        {
            TimeProvider = host.Time,
            RateLimitPerMinute = 3,
            Tokens = new Dictionary<string, string> { [GitLabTestHost.Token] = "root" },
        }, Cancel);
        using var _ = host;
        var connection = host.Connect(emulator.ApiBaseUrl);
        for (var i = 0; i < 3; i++)
        {
            await connection.Client.GetUserAsync(Cancel);
        }

        var error = await Assert.ThrowsAsync<ProviderException>(() => connection.ListSourcesAsync(Cancel));
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var sources = await connection.ListSourcesAsync(Cancel);

        Assert.Equal(ProviderErrorKind.RateLimited, error.Kind);
        Assert.Equal(GitLabTestHost.Now.AddMinutes(1), error.RetryAt);
        Assert.Empty(sources);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, """{"message":"401 Unauthorized"}""", ProviderErrorKind.AuthenticationFailed)]
    [InlineData(HttpStatusCode.Forbidden, """{"message":"403 Forbidden"}""", ProviderErrorKind.PermissionDenied)]
    [InlineData(HttpStatusCode.NotFound, """{"message":"404 Project Not Found"}""", ProviderErrorKind.NotFound)]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"ref is missing"}""", ProviderErrorKind.BadResponse)]
    [InlineData(HttpStatusCode.InternalServerError, """{"message":"500 Internal Server Error"}""", ProviderErrorKind.Unavailable)]
    [InlineData(HttpStatusCode.BadGateway, "<html>bad gateway</html>", ProviderErrorKind.Unavailable)]
    public async Task Error_answers_become_typed_failures_with_GitLabs_message(HttpStatusCode status, string body, ProviderErrorKind kind)
    {
        using var stub = new StubHandler().Answer(status, body, body.StartsWith('<') ? "text/html" : "application/json");
        using var host = new GitLabTestHost(stub);

        var error = await Assert.ThrowsAsync<ProviderException>(() => host.Connect(new Uri("https://h/api/v4")).GetRunAsync(GitLabTestHost.Pipeline(7), "42", Cancel));

        Assert.Equal(kind, error.Kind);
        Assert.Equal((int)status, error.UpstreamStatusCode);
        Assert.StartsWith($"GitLab answered {(int)status} ", error.Message, StringComparison.Ordinal);
        Assert.Contains("GET /projects/7/pipelines/42", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_validation_message_object_is_flattened()
    {
        using var stub = new StubHandler().Answer(HttpStatusCode.BadRequest, """{"message":{"base":["Reference not found"],"ref":["is invalid"]}}""");
        using var host = new GitLabTestHost(stub);

        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            host.Connect(new Uri("https://h/api/v4")).TriggerAsync(GitLabTestHost.Pipeline(7), new TriggerRequest("nope", new Dictionary<string, string>()), Cancel));

        Assert.Equal(ProviderErrorKind.NotSupported, error.Kind);
        Assert.Equal("GitLab answered 400 Bad Request for POST /projects/7/pipeline: Reference not found; ref: is invalid.", error.Message);
    }

    [Fact]
    public async Task No_message_names_the_token_or_the_query_even_when_the_server_echoes_them()
    {
        using var stub = new StubHandler().Answer(HttpStatusCode.Forbidden, $$"""{"message":"token {{GitLabTestHost.Token}} may not"}""");
        using var host = new GitLabTestHost(stub);

        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            host.Connect(new Uri("https://h/api/v4"), new Dictionary<string, string> { ["refs"] = "secret-branch" }).ListRecentRunsAsync([GitLabTestHost.Pipeline(7)], 30, Cancel));

        EmulatedGitLab.AssertNoToken(error);
        Assert.Contains("[secret]", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-branch", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("per_page", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_body_is_a_bad_response()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        gitlab.AddProject();
        gitlab.Emulator.Faults.FailNext(1, GitLabFault.MalformedJson);

        var error = await Assert.ThrowsAsync<ProviderException>(() => gitlab.Connection.ListSourcesAsync(Cancel));

        Assert.Equal(ProviderErrorKind.BadResponse, error.Kind);
        Assert.Contains("GET /projects", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_token_is_an_authentication_failure()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        gitlab.Scenario.RevokeToken(GitLabTestHost.Token);

        var error = await Assert.ThrowsAsync<ProviderException>(() => gitlab.Connection.ValidateCredentialsAsync(Cancel));

        Assert.Equal(ProviderErrorKind.AuthenticationFailed, error.Kind);
        Assert.Equal("GitLab answered 401 Unauthorized for GET /user: 401 Unauthorized.", error.Message);
        EmulatedGitLab.AssertNoToken(error);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_says_where_the_API_is()
    {
        using var stub = new StubHandler().Answer(HttpStatusCode.MovedPermanently, "", "text/html", response => response.Headers.Location = new Uri("https://gitlab.example.com/api/v4/user?x=1"));
        using var host = new GitLabTestHost(stub);

        var error = await Assert.ThrowsAsync<ProviderException>(() => host.Connect(new Uri("http://gitlab.example.com/api/v4")).ValidateCredentialsAsync(Cancel));

        Assert.Equal(ProviderErrorKind.Misconfigured, error.Kind);
        Assert.Contains("https://gitlab.example.com", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("x=1", error.Message, StringComparison.Ordinal);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_token_that_cannot_read_its_own_scopes_still_validates()
    {
        using var stub = new StubHandler()
            .Answer(HttpStatusCode.OK, """{"username":"root"}""")
            .Answer(HttpStatusCode.NotFound, """{"error":"404 Not Found"}""");
        using var host = new GitLabTestHost(stub);

        var check = await host.Connect(new Uri("https://h/api/v4")).ValidateCredentialsAsync(Cancel);

        Assert.Equal("root", check.Identity);
        Assert.Empty(check.GrantedPermissions);
    }
}
