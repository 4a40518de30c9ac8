using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using FlowForge.Core.Sync;
using FlowForge.Server.Contracts;

namespace FlowForge.Server.Tests.Infrastructure;

/// <summary>Typed calls to the FlowForge API, reading responses the way a client would.</summary>
public sealed class ApiClient(HttpClient client)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public HttpClient Client => client;

    public async Task<InstanceResponse> AddGitHubInstanceAsync(string id, Uri baseUrl, string token, int refreshSeconds = 60)
    {
        using var response = await client.PostAsJsonAsync(
            "/api/v1/instances",
            new { id, kind = "github", settings = new Dictionary<string, string> { ["baseUrl"] = baseUrl.ToString(), ["token"] = token }, refreshIntervalSeconds = refreshSeconds },
            Json,
            Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<InstanceResponse>(Json, Cancel))!;
    }

    public async Task<SyncReport> SyncAsync(string instanceId)
    {
        using var response = await client.PostAsync($"/api/v1/instances/{instanceId}/sync", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SyncReport>(Json, Cancel))!;
    }

    public Task<PageResponse<PipelineResponse>> PipelinesAsync(string query = "") =>
        GetAsync<PageResponse<PipelineResponse>>($"/api/v1/pipelines{query}");

    public Task<InstanceResponse> InstanceAsync(string id) => GetAsync<InstanceResponse>($"/api/v1/instances/{id}");

    public Task<RunDetailResponse> RunAsync(string pipelineKey, string runId) =>
        GetAsync<RunDetailResponse>($"/api/v1/pipelines/{pipelineKey}/runs/{runId}");

    public Task<PageResponse<RunResponse>> RunsAsync(string pipelineKey, string query = "") =>
        GetAsync<PageResponse<RunResponse>>($"/api/v1/pipelines/{pipelineKey}/runs{query}");

    public async Task<T> GetAsync<T>(string path)
    {
        using var response = await client.GetAsync(path, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    /// <summary>Reads a problem response and checks it is one (RFC 9457 media type, status echoed).</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }
}
