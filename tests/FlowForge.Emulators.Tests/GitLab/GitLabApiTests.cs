using System.Net;
using FlowForge.Emulators.GitLab;

namespace FlowForge.Emulators.Tests.GitLab;

/// <summary>Authentication, projects and groups, paging and error shapes, as GitLab answers them.</summary>
public sealed class GitLabApiTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_is_accepted_as_PRIVATE_TOKEN_or_Bearer_and_anything_else_is_401()
    {
        await using var emulator = await GitLabClient.StartAsync();
        using var privateToken = GitLabClient.Create(emulator);
        using var bearer = GitLabClient.Create(emulator, bearer: true);
        using var wrong = GitLabClient.Create(emulator, "wrong-not-real");
        using var none = GitLabClient.Create(emulator, token: null);

        Assert.Equal("root", (await privateToken.GetJsonAsync("user")).GetProperty("username").GetString());
        Assert.Equal("root", (await bearer.GetJsonAsync("user")).GetProperty("username").GetString());
        foreach (var client in new[] { wrong, none })
        {
            using var response = await client.GetAsync("projects", Cancel);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("""{"message":"401 Unauthorized"}""", await response.Content.ReadAsStringAsync(Cancel));
        }

        emulator.Scenario.RevokeToken(GitLabEmulator.DefaultToken);
        using var revoked = await privateToken.GetAsync("user", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
    }

    [Fact]
    public async Task The_token_reports_its_scopes()
    {
        await using var emulator = await GitLabClient.StartAsync();
        using var client = GitLabClient.Create(emulator);

        var token = await client.GetJsonAsync("personal_access_tokens/self");

        Assert.Equal(["api", "read_api"], token.GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()));
        Assert.True(token.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Projects_are_found_by_id_or_escaped_path_and_groups_list_their_subgroups_projects()
    {
        await using var emulator = await GitLabClient.StartAsync();
        var api = emulator.Scenario.AddProject("acme/platform", "api", description: "The API", ciConfigPath: "ci/main.yml");
        emulator.Scenario.AddProject("acme", "web");
        emulator.Scenario.AddProject("other", "thing");
        using var client = GitLabClient.Create(emulator);

        var byPath = await client.GetJsonAsync("projects/acme%2Fplatform%2Fapi");
        var byId = await client.GetJsonAsync($"projects/{api.Id}");
        var direct = await client.GetJsonAsync("groups/acme/projects");
        var withSubgroups = await client.GetJsonAsync("groups/acme/projects?include_subgroups=true");

        Assert.Equal(byId.GetRawText(), byPath.GetRawText());
        Assert.Equal("acme/platform/api", byPath.GetProperty("path_with_namespace").GetString());
        Assert.Equal("ci/main.yml", byPath.GetProperty("ci_config_path").GetString());
        Assert.Equal("enabled", byPath.GetProperty("builds_access_level").GetString());
        Assert.False(byPath.GetProperty("archived").GetBoolean());
        Assert.Equal("group", byPath.GetProperty("namespace").GetProperty("kind").GetString());
        Assert.Equal(new Uri(emulator.WebBaseUrl, "acme/platform/api").AbsoluteUri, byPath.GetProperty("web_url").GetString());
        Assert.Equal(["acme/web"], direct.EnumerateArray().Select(project => project.GetProperty("path_with_namespace").GetString()));
        Assert.Equal(2, withSubgroups.GetArrayLength());
        using var missing = await client.GetAsync("projects/acme%2Fnope", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("""{"message":"404 Project Not Found"}""", await missing.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Offset_pages_carry_GitLabs_headers()
    {
        await using var emulator = await GitLabClient.StartAsync();
        for (var i = 0; i < 45; i++)
        {
            emulator.Scenario.AddProject("fleet", $"p{i:D2}");
        }

        using var client = GitLabClient.Create(emulator);
        using var response = await client.GetAsync("projects?order_by=id&sort=asc&per_page=20&page=2", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("2", "20", "3", "1", "45", "3"), (response.Header("X-Page"), response.Header("X-Per-Page"), response.Header("X-Next-Page"), response.Header("X-Prev-Page"), response.Header("X-Total"), response.Header("X-Total-Pages")));
        var link = response.Header("Link");
        Assert.Contains($"<{emulator.ApiBaseUrl}projects?order_by=id&sort=asc&per_page=20&page=3>; rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Contains("page=1>; rel=\"prev\"", link, StringComparison.Ordinal);
        Assert.Contains("page=1>; rel=\"first\"", link, StringComparison.Ordinal);
        Assert.Contains("page=3>; rel=\"last\"", link, StringComparison.Ordinal);
        using var last = await client.GetAsync("projects?per_page=20&page=3", Cancel);
        // GitLab sends the header empty on the last page; HttpClient reads an empty header as absent.
        Assert.Equal("", last.Headers.TryGetValues("X-Next-Page", out var next) ? string.Concat(next) : "");
        Assert.Equal("3", last.Header("X-Page"));
        using var huge = await client.GetAsync("projects?per_page=500", Cancel);
        Assert.Equal("100", huge.Header("X-Per-Page"));
    }

    [Fact]
    public async Task Keyset_pages_of_projects_link_onwards_by_id_without_totals()
    {
        await using var emulator = await GitLabClient.StartAsync();
        var ids = Enumerable.Range(0, 5).Select(i => emulator.Scenario.AddProject("fleet", $"p{i}").Id).ToList();
        using var client = GitLabClient.Create(emulator);

        using var first = await client.GetAsync("projects?pagination=keyset&order_by=id&sort=asc&per_page=2", Cancel);
        using var byName = await client.GetAsync("projects?pagination=keyset&order_by=name&per_page=2", Cancel);
        using var groups = await client.GetAsync("groups/fleet/projects?pagination=keyset&order_by=id", Cancel);

        Assert.Equal($"<{emulator.ApiBaseUrl}projects?pagination=keyset&order_by=id&sort=asc&per_page=2&id_after={ids[1]}>; rel=\"next\"", first.Header("Link"));
        Assert.False(first.Headers.Contains("X-Total"));
        var last = await client.GetJsonAsync($"projects?pagination=keyset&order_by=id&sort=asc&per_page=2&id_after={ids[3]}");
        Assert.Equal([ids[4]], last.EnumerateArray().Select(project => project.GetProperty("id").GetInt64()));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, byName.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, groups.StatusCode);
    }

    [Fact]
    public async Task Every_answer_has_the_throttle_headers_and_past_the_limit_GitLab_says_retry_later()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        await using var emulator = await GitLabClient.StartAsync(clock, rateLimitPerMinute: 2);
        using var client = GitLabClient.Create(emulator);

        using var first = await client.GetAsync("user", Cancel);
        using var second = await client.GetAsync("user", Cancel);
        clock.Advance(TimeSpan.FromSeconds(20));
        using var third = await client.GetAsync("user", Cancel);
        clock.Advance(TimeSpan.FromSeconds(40));
        using var afterReset = await client.GetAsync("user", Cancel);

        Assert.Equal(("throttle_authenticated_api", "2", "1", "1"), (first.Header("RateLimit-Name"), first.Header("RateLimit-Limit"), first.Header("RateLimit-Observed"), first.Header("RateLimit-Remaining")));
        Assert.Equal("1748779260", first.Header("RateLimit-Reset"));
        Assert.Equal("Sun, 01 Jun 2025 12:01:00 GMT", first.Header("RateLimit-ResetTime"));
        Assert.Equal("0", second.Header("RateLimit-Remaining"));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("Retry later\n", await third.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("40", third.Header("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
        Assert.Equal("1", afterReset.Header("RateLimit-Observed"));
        Assert.True(emulator.Requests.Snapshot()[2].Throttled);
        Assert.False(emulator.Requests.Snapshot()[2].CostRateLimit);
    }

    [Fact]
    public async Task Faults_answer_like_GitLab_and_are_recorded()
    {
        await using var emulator = await GitLabClient.StartAsync();
        emulator.Scenario.AddProject("acme", "app");
        emulator.Faults.FailNext(1, GitLabFault.ServerError);
        emulator.Faults.FailNext(1, GitLabFault.Unauthorized);
        emulator.Faults.FailNext(1, GitLabFault.Throttled(TimeSpan.FromSeconds(9), sendRetryAfter: false));
        emulator.Faults.FailNext(1, GitLabFault.MalformedJson);
        using var client = GitLabClient.Create(emulator);

        using var serverError = await client.GetAsync("projects", Cancel);
        using var unauthorized = await client.GetAsync("projects", Cancel);
        using var throttled = await client.GetAsync("projects", Cancel);
        using var malformed = await client.GetAsync("projects", Cancel);
        using var fine = await client.GetAsync("projects", Cancel);

        Assert.Equal(HttpStatusCode.InternalServerError, serverError.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.False(throttled.Headers.Contains("Retry-After"));
        Assert.Equal("0", throttled.Header("RateLimit-Remaining"));
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse(malformed.Content.ReadAsStringAsync(Cancel).Result));
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        Assert.Equal(["server_error", "unauthorized", "throttled", "malformed_json", null], emulator.Requests.Snapshot().Select(request => request.Fault));
        Assert.Equal(0, emulator.Faults.Pending);
    }

    [Fact]
    public async Task A_slow_body_waits_for_the_emulators_clock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await GitLabClient.StartAsync(clock);
        emulator.Faults.FailNext(1, GitLabFault.SlowBody(TimeSpan.FromSeconds(30)));
        using var client = GitLabClient.Create(emulator);

        using var response = await client.GetAsync("user", HttpCompletionOption.ResponseHeadersRead, Cancel);
        var body = response.Content.ReadAsStringAsync(Cancel);
        await Task.Delay(100, Cancel);
        Assert.False(body.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Contains("\"username\":\"root\"", await body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CI_file_is_served_raw_at_a_ref_with_its_blob_id()
    {
        await using var emulator = await GitLabClient.StartAsync();
        var project = emulator.Scenario.AddProject("acme", "app", ciFile: "build:\n  script: make\n");
        emulator.Scenario.SetFile(project.Id, ".gitlab-ci.yml", "test:\n  script: test\n", "feature");
        using var client = GitLabClient.Create(emulator);

        using var atMain = await client.GetAsync($"projects/{project.Id}/repository/files/.gitlab-ci.yml/raw?ref=main", Cancel);
        using var atFeature = await client.GetAsync("projects/acme%2Fapp/repository/files/.gitlab-ci.yml/raw?ref=feature", Cancel);
        using var noRef = await client.GetAsync($"projects/{project.Id}/repository/files/.gitlab-ci.yml/raw?ref=nope", Cancel);
        using var noFile = await client.GetAsync($"projects/{project.Id}/repository/files/ci%2Fother.yml/raw?ref=main", Cancel);

        Assert.Equal("build:\n  script: make\n", await atMain.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("text/plain; charset=utf-8", atMain.Content.Headers.ContentType?.ToString());
        Assert.Equal("test:\n  script: test\n", await atFeature.Content.ReadAsStringAsync(Cancel));
        Assert.NotEqual(atMain.Header("X-Gitlab-Blob-Id"), atFeature.Header("X-Gitlab-Blob-Id"));
        Assert.Equal(".gitlab-ci.yml", atMain.Header("X-Gitlab-File-Path"));
        Assert.False(atMain.Headers.Contains("ETag"));
        Assert.Equal("""{"message":"404 Commit Not Found"}""", await noRef.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("""{"message":"404 File Not Found"}""", await noFile.Content.ReadAsStringAsync(Cancel));
    }
}
