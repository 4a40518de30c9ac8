using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Webhooks;

/// <summary>
/// GitHub webhook deliveries built from what the emulator serves: a delivery's <c>workflow_run</c> and
/// <c>workflow_job</c> objects have the REST run's and job's shape. Also the instance they are sent to.
/// </summary>
internal static class GitHubDeliveries
{
    /// <summary>Contains the test-secret marker, so the leak check fails a test that lets it out.</summary>
    public const string Secret = "webhook-secret-not-real-b81c";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Adds <see cref="GitHubWorld.InstanceId"/> with a webhook secret, and syncs it once so its pipeline is stored.</summary>
    public static async Task AddInstanceAndSyncAsync(GitHubWorld world)
    {
        var settings = new Dictionary<string, string>
        {
            ["baseUrl"] = world.Emulator.ApiBaseUrl.ToString(),
            ["token"] = GitHubWorld.Token,
            ["webhookSecret"] = Secret,
        };
        using var response = await world.Api.Client.PostAsJsonAsync(
            "/api/v1/instances", new { id = GitHubWorld.InstanceId, kind = "github", settings }, ApiClient.Json, Cancel);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        Assert.True((await world.Api.SyncAsync(GitHubWorld.InstanceId)).Succeeded);
    }

    /// <summary>The run as the emulator's REST API serves it (a request the emulator logs: fetch before clearing its log).</summary>
    public static async Task<JsonObject> RunAsync(GitHubWorld world, long runId) =>
        (await GetAsync(world, $"repos/acme/api/actions/runs/{runId}")).AsObject();

    public static async Task<JsonObject> JobAsync(GitHubWorld world, long jobId) =>
        (await GetAsync(world, $"repos/acme/api/actions/jobs/{jobId}")).AsObject();

    public static string WorkflowRun(JsonObject run, string action = "requested") => new JsonObject
    {
        ["action"] = action,
        ["workflow_run"] = run.DeepClone(),
        ["repository"] = new JsonObject { ["full_name"] = "acme/api" },
        ["sender"] = new JsonObject { ["login"] = "ada" },
    }.ToJsonString();

    public static string WorkflowJob(JsonObject job, string action = "queued") => new JsonObject
    {
        ["action"] = action,
        ["workflow_job"] = job.DeepClone(),
        ["repository"] = new JsonObject { ["full_name"] = "acme/api" },
    }.ToJsonString();

    /// <summary>Posts a delivery as GitHub does: signed with <paramref name="secret"/> unless <paramref name="signature"/> is given.</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, string eventName, string body, string? deliveryId = null, string instanceId = GitHubWorld.InstanceId,
        string secret = Secret, string? signature = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/{instanceId}") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", deliveryId ?? Guid.NewGuid().ToString());
        request.Headers.Add("X-GitHub-Hook-ID", "4242");
        request.Headers.Add("X-Hub-Signature-256", signature ?? Sign(secret, bytes));
        request.Headers.UserAgent.ParseAdd("GitHub-Hookshot/044aadd");
        return await client.SendAsync(request, Cancel);
    }

    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>The run's JSON as it was <paramref name="earlier"/> than it is: a delivery that arrives late.</summary>
    public static JsonObject Earlier(JsonObject run, TimeSpan earlier, string status)
    {
        var copy = run.DeepClone().AsObject();
        var updatedAt = DateTimeOffset.Parse(run["updated_at"]!.GetValue<string>(), CultureInfo.InvariantCulture) - earlier;
        copy["updated_at"] = updatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        copy["status"] = status;
        copy["conclusion"] = null;
        return copy;
    }

    private static async Task<JsonNode> GetAsync(GitHubWorld world, string path)
    {
        using var client = new HttpClient { BaseAddress = world.Emulator.ApiBaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GitHubWorld.Token);
        request.Headers.UserAgent.ParseAdd("FlowForge-Tests");
        using var response = await client.SendAsync(request, Cancel);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;
    }
}
