using System.Text.Json;

namespace FlowForge.Benchmarks;

/// <summary>A FlowForge server process (Release, scheduler off) watching one instance, synced once.</summary>
internal sealed class FlowForgeServer : IAsyncDisposable
{
    public const string InstanceId = "bench";

    private readonly ChildProcess _process;
    private readonly DirectoryInfo _work;

    private FlowForgeServer(ChildProcess process, HttpClient api, DirectoryInfo work)
    {
        _process = process;
        Api = api;
        _work = work;
    }

    public HttpClient Api { get; }

    public ChildProcess Process => _process;

    public static async Task<FlowForgeServer> StartAsync(string kind, IReadOnlyDictionary<string, string> settings)
    {
        var work = Directory.CreateTempSubdirectory("flowforge-bench-");
        var port = ChildProcess.FreePort();
        var process = await ChildProcess.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "flowforge-server.dll"),
            ["--urls", $"http://127.0.0.1:{port}"],
            new Dictionary<string, string>
            {
                ["FLOWFORGE_DATA_DIR"] = Path.Combine(work.FullName, "data"),
                ["FlowForge__Sync__SchedulerEnabled"] = "false",
                ["FlowForge__Secrets__DefaultStore"] = "memory",
                ["Logging__LogLevel__Default"] = "Warning",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            },
            port);
        var api = new HttpClient { BaseAddress = process.BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
        (await api.PostAsJsonAsync("/api/v1/instances", new { id = InstanceId, kind, settings })).EnsureSuccessStatusCode();
        var server = new FlowForgeServer(process, api, work);
        await server.SyncReportAsync();
        return server;
    }

    /// <summary>Syncs now ("sync now": discovery and every pipeline) and returns the sync report.</summary>
    public async Task<JsonElement> SyncReportAsync()
    {
        using var response = (await Api.PostAsync($"/api/v1/instances/{InstanceId}/sync", null)).EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Syncs until a sync finds no more jobs to read (job lists come a batch of runs per cycle).</summary>
    public async Task SettleAsync()
    {
        while ((await SyncReportAsync()).GetProperty("jobsRefreshed").GetInt32() > 0)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await _process.DisposeAsync();
        _work.Delete(recursive: true);
    }
}
