using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FlowForge.Core.Access;
using FlowForge.Emulators.GitHub;
using FlowForge.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Server.Tests.Operations;

/// <summary>Who may act on runs, and what each action leaves in the audit log, with API keys required.</summary>
public sealed class OperationsAccessTests : IAsyncLifetime
{
    private GitHubWorld _world = null!;
    private HttpClient _admin = null!;
    private HttpClient _operator = null!;
    private HttpClient _viewer = null!;
    private EmulatedRun _finished = null!;
    private EmulatedRun _running = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _world = await GitHubWorld.StartAsync(app: new FlowForgeApp(settings: new Dictionary<string, string?> { ["FlowForge:Auth:Mode"] = "ApiKeys" }));
        _admin = await ClientAsync("root", "admin");
        _operator = await ClientAsync("olga-operator", "operator");
        _viewer = await ClientAsync("victor-viewer", "viewer");
        using var added = await _admin.PostAsJsonAsync(
            "/api/v1/instances",
            new { id = GitHubWorld.InstanceId, kind = "github", settings = new Dictionary<string, string> { ["baseUrl"] = _world.Emulator.ApiBaseUrl.ToString(), ["token"] = GitHubWorld.Token } },
            Cancel);
        added.EnsureSuccessStatusCode();
        _finished = _world.Emulator.Scenario.Runs("acme/api")[0];
        _running = _world.Emulator.Scenario.StartRun(_world.WorkflowId, new RunSpec("main", "Busy", "Ada", "ada@example.com", "ada"));
        _world.Emulator.Scenario.BeginRun(_running.Id);
        (await _operator.PostAsync($"/api/v1/instances/{GitHubWorld.InstanceId}/sync", null, Cancel)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_viewer_may_read_parameters_but_not_trigger_rerun_or_cancel_and_nothing_reaches_the_provider()
    {
        _world.Emulator.Requests.Clear();

        using var parameters = await _viewer.GetAsync($"/api/v1/pipelines/{_world.PipelineKey}/parameters", Cancel);
        using var trigger = await _viewer.PostAsJsonAsync($"/api/v1/pipelines/{_world.PipelineKey}/runs", new { }, Cancel);
        using var rerun = await _viewer.PostAsJsonAsync($"/api/v1/pipelines/{_world.PipelineKey}/runs/{_finished.Id}/rerun", new { scope = "all" }, Cancel);
        using var cancel = await _viewer.PostAsJsonAsync($"/api/v1/pipelines/{_world.PipelineKey}/runs/{_running.Id}/cancel", new { }, Cancel);

        Assert.Equal(HttpStatusCode.OK, parameters.StatusCode);
        await ApiClient.ProblemAsync(trigger, HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(rerun, HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(cancel, HttpStatusCode.Forbidden);
        Assert.DoesNotContain(_world.Emulator.Requests.Snapshot(), request => request.Method == "POST");
    }

    [Fact]
    public async Task An_operator_acts_and_each_action_leaves_exactly_one_audit_entry_with_its_actor_and_outcome()
    {
        using var trigger = await _operator.PostAsJsonAsync($"/api/v1/pipelines/{_world.PipelineKey}/runs", new { parameters = new { } }, Cancel);
        using var rerun = await _operator.PostAsJsonAsync($"/api/v1/pipelines/{_world.PipelineKey}/runs/{_finished.Id}/rerun", new { scope = "all" }, Cancel);
        using var cancel = await _operator.PostAsJsonAsync($"/api/v1/pipelines/{_world.PipelineKey}/runs/{_running.Id}/cancel", new { }, Cancel);
        using var refused = await _operator.PostAsJsonAsync($"/api/v1/pipelines/{_world.PipelineKey}/runs/{_running.Id}/cancel", new { }, Cancel);

        Assert.Equal(HttpStatusCode.Created, trigger.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, rerun.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.True(refused.StatusCode == HttpStatusCode.Conflict, await refused.Content.ReadAsStringAsync(Cancel));

        var entries = await AuditAsync();
        var runActions = entries.Where(entry => entry.GetProperty("action").GetString()!.StartsWith("run.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["run.trigger", "run.rerun", "run.cancel", "run.cancel"], runActions.Select(entry => entry.GetProperty("action").GetString()).Reverse());
        Assert.All(runActions, entry => Assert.Equal("olga-operator", entry.GetProperty("actor").GetString()));
        Assert.All(runActions, entry => Assert.Equal(_world.PipelineKey, entry.GetProperty("pipelineKey").GetString()));
        var (triggered, rerunEntry, cancelled, refusal) = (runActions[3], runActions[2], runActions[1], runActions[0]);
        Assert.Equal(("succeeded", 201, 200), Outcome(triggered));
        Assert.False(string.IsNullOrEmpty(triggered.GetProperty("runId").GetString()));
        Assert.Equal(("succeeded", 202, 201), Outcome(rerunEntry));
        Assert.Equal(_finished.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), rerunEntry.GetProperty("runId").GetString());
        Assert.Equal(("succeeded", 202, 202), Outcome(cancelled));
        Assert.Equal("failed", refusal.GetProperty("outcome").GetString());
        Assert.Equal(409, refusal.GetProperty("statusCode").GetInt32());
    }

    private static (string?, int, int?) Outcome(JsonElement entry) =>
        (entry.GetProperty("outcome").GetString(),
         entry.GetProperty("statusCode").GetInt32(),
         entry.GetProperty("upstreamStatusCode").ValueKind == JsonValueKind.Number ? entry.GetProperty("upstreamStatusCode").GetInt32() : null);

    private async Task<List<JsonElement>> AuditAsync()
    {
        var page = JsonDocument.Parse(await _admin.GetStringAsync("/api/v1/audit?limit=100", Cancel)).RootElement;
        return [.. page.GetProperty("items").EnumerateArray().Select(item => item.Clone())];
    }

    private async Task<HttpClient> ClientAsync(string name, string role)
    {
        var keys = _world.App.Services.GetRequiredService<ApiKeyService>();
        var created = await keys.CreateAsync(new ApiKeyDraft(name, role, null, []), "test", Cancel);
        var client = _world.App.CreateRecordingClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Token);
        return client;
    }
}
