using FlowForge.Emulators.GitHub;

namespace FlowForge.Benchmarks;

/// <summary>A GitHub emulator and a FlowForge server process (Release) watching it, with the scheduler off.</summary>
internal sealed class FlowForgeUnderTest : IAsyncDisposable
{
    public const string Token = "bench-token-not-real";
    public const string WebhookSecret = "bench-hook-secret-not-real";
    public const string InstanceId = "bench";

    private readonly DirectoryInfo _work;

    private FlowForgeUnderTest(GitHubEmulator emulator, ChildProcess server, HttpClient api, DirectoryInfo work)
    {
        Emulator = emulator;
        Server = server;
        Api = api;
        _work = work;
    }

    public GitHubEmulator Emulator { get; }

    public ChildProcess Server { get; }

    public HttpClient Api { get; }

    public static async Task<FlowForgeUnderTest> StartAsync(Action<GitHubEmulator> seed)
    {
        var work = Directory.CreateTempSubdirectory("flowforge-bench-");
        var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions
        {
            Tokens = new Dictionary<string, string> { [Token] = "octocat" },
            RateLimitPerHour = 1_000_000,
        });
        seed(emulator);

        var port = ChildProcess.FreePort();
        var server = await ChildProcess.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "flowforge-server.dll"),
            ["--urls", $"http://127.0.0.1:{port}"],
            new Dictionary<string, string>
            {
                ["FLOWFORGE_DATA_DIR"] = Path.Combine(work.FullName, "data"),
                ["FlowForge__Sync__SchedulerEnabled"] = "false",
                ["Logging__LogLevel__Default"] = "Warning",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            },
            port);
        var api = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
        (await api.PostAsJsonAsync("/api/v1/instances", new
        {
            id = InstanceId,
            kind = "github",
            settings = new Dictionary<string, string>
            {
                ["baseUrl"] = emulator.ApiBaseUrl.ToString(),
                ["token"] = Token,
                ["webhookSecret"] = WebhookSecret,
            },
        })).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/v1/instances/{InstanceId}/sync", null)).EnsureSuccessStatusCode();
        return new FlowForgeUnderTest(emulator, server, api, work);
    }

    public async Task SyncAsync() => await SyncReportAsync();

    /// <summary>Syncs now and returns the sync report.</summary>
    public async Task<System.Text.Json.JsonElement> SyncReportAsync()
    {
        using var response = (await Api.PostAsync($"/api/v1/instances/{InstanceId}/sync", null)).EnsureSuccessStatusCode();
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Server.DisposeAsync();
        await Emulator.DisposeAsync();
        _work.Delete(recursive: true);
    }
}
