using System.Net;
using System.Net.Http.Json;
using System.Text;
using FlowForge.Server.Contracts;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Api;

public sealed class InstancesApiTests : IAsyncLifetime
{
    private const string Token = "instance-api-token-not-real-11";
    private readonly FlowForgeApp _app = new();
    private ApiClient _api = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _api = new ApiClient(_app.CreateRecordingClient());
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Provider_kinds_are_exposed_as_data()
    {
        var kinds = await _api.GetAsync<List<ProviderKindResponse>>("/api/v1/providers");

        var github = Assert.Single(kinds, kind => kind.Kind == "github");
        Assert.Equal("GitHub Actions", github.DisplayName);
        var token = Assert.Single(github.Fields, field => field.Key == "token");
        Assert.True(token.Secret);
        Assert.True(token.Required);
        Assert.Equal("https://api.github.com", Assert.Single(github.Fields, field => field.Key == "baseUrl").DefaultValue);
        Assert.Contains("runs", github.Capabilities);
        Assert.Contains("conditionalRequests", github.Capabilities);
        Assert.NotEmpty(github.Permissions);
    }

    [Fact]
    public async Task An_instance_is_created_listed_updated_and_removed_and_its_token_never_shown()
    {
        var created = await _api.AddGitHubInstanceAsync("acme", new Uri("https://ghe.example/api/v3"), Token);

        Assert.True(created.Secrets["token"].IsSet);
        Assert.Equal("memory", created.Secrets["token"].Store);
        Assert.Equal("pending", created.Health.State);
        Assert.Single(await _api.GetAsync<List<InstanceResponse>>("/api/v1/instances"));

        using var patch = await _api.Client.PatchAsJsonAsync("/api/v1/instances/acme", new { displayName = "ACME on GHES", refreshIntervalSeconds = 300 }, Cancel);
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var updated = await _api.InstanceAsync("acme");
        Assert.Equal("ACME on GHES", updated.DisplayName);
        Assert.Equal(300, updated.RefreshIntervalSeconds);
        Assert.Equal("https://ghe.example/api/v3", updated.Settings["baseUrl"]);

        using var delete = await _api.Client.DeleteAsync("/api/v1/instances/acme", Cancel);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var gone = await _api.Client.GetAsync("/api/v1/instances/acme", Cancel);
        await ApiClient.ProblemAsync(gone, HttpStatusCode.NotFound);

        Assert.DoesNotContain(_app.EverythingSaid(), line => line.Contains(Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_environment_reference_is_shown_as_one()
    {
        using var response = await _api.Client.PostAsJsonAsync("/api/v1/instances", new { id = "envy", kind = "github", settings = new { token = "env:GITHUB_TOKEN" } }, Cancel);
        var created = await response.Content.ReadFromJsonAsync<InstanceResponse>(ApiClient.Json, Cancel);

        Assert.Equal("env", created!.Secrets["token"].Store);
        Assert.Equal("GITHUB_TOKEN", created.Secrets["token"].Environment);
    }

    public static TheoryData<string, string> InvalidRequests => new()
    {
        { """{"id":"Bad Id","kind":"github","settings":{"token":"x"}}""", "id" },
        { """{"id":"ok","kind":"jenkins-ish","settings":{"token":"x"}}""", "kind" },
        { """{"id":"ok","kind":"github","settings":{}}""", "settings.token" },
        { """{"id":"ok","kind":"github","settings":{"token":"x","baseUrl":"not a url"}}""", "settings.baseUrl" },
        { """{"id":"ok","kind":"github","settings":{"token":"x","colour":"blue"}}""", "settings.colour" },
        { """{"id":"ok","kind":"github","settings":{"token":"env:1-not-a-name"}}""", "settings.token" },
        { """{"id":"ok","kind":"github","settings":{"token":"x"},"refreshIntervalSeconds":1}""", "refreshIntervalSeconds" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Invalid_values_get_a_validation_problem_and_change_nothing(string json, string field)
    {
        using var response = await _api.Client.PostAsync("/api/v1/instances", new StringContent(json, Encoding.UTF8, "application/json"), Cancel);

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Empty(await _api.GetAsync<List<InstanceResponse>>("/api/v1/instances"));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"id": 12, "kind": []}""")]
    [InlineData("")]
    public async Task Unreadable_bodies_get_a_problem_and_change_nothing(string body)
    {
        using var response = await _api.Client.PostAsync("/api/v1/instances", new StringContent(body, Encoding.UTF8, "application/json"), Cancel);

        await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty(await _api.GetAsync<List<InstanceResponse>>("/api/v1/instances"));
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        var huge = "{\"id\":\"big\",\"kind\":\"github\",\"settings\":{\"token\":\"" + new string('x', 2 * 1024 * 1024) + "\"}}";

        using var response = await _api.Client.PostAsync("/api/v1/instances", new StringContent(huge, Encoding.UTF8, "application/json"), Cancel);

        await ApiClient.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(await _api.GetAsync<List<InstanceResponse>>("/api/v1/instances"));
    }

    [Fact]
    public async Task A_taken_id_is_a_conflict()
    {
        await _api.AddGitHubInstanceAsync("acme", new Uri("https://api.github.com"), Token);

        using var response = await _api.Client.PostAsJsonAsync("/api/v1/instances", new { id = "acme", kind = "github", settings = new { token = "another-token-not-real" } }, Cancel);

        await ApiClient.ProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("GET", "/api/v1/instances/nope")]
    [InlineData("DELETE", "/api/v1/instances/nope")]
    [InlineData("POST", "/api/v1/instances/nope/sync")]
    [InlineData("POST", "/api/v1/instances/nope/validate")]
    [InlineData("GET", "/api/v1/instances/nope/health")]
    [InlineData("GET", "/api/v1/pipelines/nope/123")]
    [InlineData("GET", "/api/v1/pipelines/nope/123/runs")]
    [InlineData("GET", "/api/v1/pipelines/nope/123/runs/9")]
    [InlineData("GET", "/api/v1/pipelines/nope/123/runs/9/jobs/1/log")]
    [InlineData("GET", "/api/v1/no-such-route")]
    public async Task Unknown_things_get_a_404_problem(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await _api.Client.SendAsync(request, Cancel);

        await ApiClient.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/v1/pipelines?status=purple", "status")]
    [InlineData("/api/v1/pipelines?limit=0", "limit")]
    [InlineData("/api/v1/pipelines?cursor=%%%", "cursor")]
    public async Task Invalid_query_values_get_a_validation_problem(string path, string field)
    {
        using var response = await _api.Client.GetAsync(path, Cancel);

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Updating_with_an_invalid_value_changes_nothing()
    {
        await _api.AddGitHubInstanceAsync("acme", new Uri("https://api.github.com"), Token);

        using var response = await _api.Client.PatchAsJsonAsync("/api/v1/instances/acme", new { displayName = "New", settings = new { baseUrl = "nope" } }, Cancel);

        await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        var instance = await _api.InstanceAsync("acme");
        Assert.Equal("https://api.github.com/", instance.Settings["baseUrl"]);
        Assert.NotEqual("New", instance.DisplayName);
    }
}
