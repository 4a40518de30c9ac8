using System.Net.Http.Json;
using System.Text.Json;

namespace FlowForge.E2E.Tests.Infrastructure;

/// <summary>Scripts the demo's GitHub emulator over its control API, the way a shell script could.</summary>
public sealed class DemoEmulatorClient(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl };

    public async Task<long> WorkflowIdAsync(string repository, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"repos/{repository}/actions/workflows");
        request.Headers.Authorization = new("Bearer", "demo-github-token");
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var workflows = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("workflows");
        return workflows.EnumerateArray().First(workflow => workflow.GetProperty("name").GetString() == name).GetProperty("id").GetInt64();
    }

    public async Task<long> StartRunAsync(long workflowId, string message)
    {
        using var response = await _http.PostAsJsonAsync("_emulator/runs", new
        {
            workflowId,
            branch = "main",
            commitMessage = message,
            authorName = "E2E Tester",
            authorEmail = "e2e@example.com",
            actor = "e2e",
            @event = "push",
        });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
    }

    public async Task BeginAsync(long runId) => (await _http.PostAsync($"_emulator/runs/{runId}/begin", null)).EnsureSuccessStatusCode();

    public async Task CompleteAsync(long runId, string conclusion) =>
        (await _http.PostAsJsonAsync($"_emulator/runs/{runId}/complete", new { conclusion })).EnsureSuccessStatusCode();

    public void Dispose() => _http.Dispose();
}
