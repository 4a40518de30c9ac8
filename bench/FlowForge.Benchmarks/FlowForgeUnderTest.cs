using FlowForge.Emulators.GitHub;

namespace FlowForge.Benchmarks;

/// <summary>A GitHub emulator and a FlowForge server process (Release) watching it, with the scheduler off.</summary>
internal sealed class FlowForgeUnderTest : IAsyncDisposable
{
    public const string Token = "bench-token-not-real";
    public const string WebhookSecret = "bench-hook-secret-not-real";
    public const string InstanceId = FlowForgeServer.InstanceId;

    private readonly FlowForgeServer _server;

    private FlowForgeUnderTest(GitHubEmulator emulator, FlowForgeServer server)
    {
        Emulator = emulator;
        _server = server;
    }

    public GitHubEmulator Emulator { get; }

    public ChildProcess Server => _server.Process;

    public HttpClient Api => _server.Api;

    public static async Task<FlowForgeUnderTest> StartAsync(Action<GitHubEmulator> seed)
    {
        var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions
        {
            Tokens = new Dictionary<string, string> { [Token] = "octocat" },
            RateLimitPerHour = 1_000_000,
        });
        seed(emulator);
        var server = await FlowForgeServer.StartAsync("github", new Dictionary<string, string>
        {
            ["baseUrl"] = emulator.ApiBaseUrl.ToString(),
            ["token"] = Token,
            ["webhookSecret"] = WebhookSecret,
        });
        return new FlowForgeUnderTest(emulator, server);
    }

    public async Task SyncAsync() => await SyncReportAsync();

    /// <summary>Syncs now and returns the sync report.</summary>
    public Task<System.Text.Json.JsonElement> SyncReportAsync() => _server.SyncReportAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
