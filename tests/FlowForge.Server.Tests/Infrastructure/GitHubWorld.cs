using FlowForge.Emulators.GitHub;

namespace FlowForge.Server.Tests.Infrastructure;

/// <summary>A GitHub emulator with one repository, one workflow and one finished run, and a server watching it.</summary>
public sealed class GitHubWorld : IAsyncDisposable
{
    public const string Token = "test-token-not-real-7f3a9c";
    public const string InstanceId = "gh";

    private GitHubWorld(GitHubEmulator emulator, FlowForgeApp app)
    {
        Emulator = emulator;
        App = app;
        Api = new ApiClient(app.CreateRecordingClient());
    }

    public GitHubEmulator Emulator { get; }

    public FlowForgeApp App { get; }

    public ApiClient Api { get; }

    public long WorkflowId { get; private set; }

    public string PipelineKey => $"{InstanceId}/{WorkflowId}";

    public static async Task<GitHubWorld> StartAsync(string pathBase = "", FlowForgeApp? app = null, TimeProvider? time = null, int rateLimitPerHour = 5000)
    {
        var emulator = await GitHubEmulator.StartAsync(
            new GitHubEmulatorOptions
            {
                PathBase = pathBase,
                Tokens = new Dictionary<string, string> { [Token] = "octocat" },
                TimeProvider = time ?? TimeProvider.System,
                RateLimitPerHour = rateLimitPerHour,
            },
            TestContext.Current.CancellationToken);
        var world = new GitHubWorld(emulator, app ?? new FlowForgeApp(time: time));
        emulator.Scenario.AddRepository("acme", "api");
        world.WorkflowId = emulator.Scenario.AddWorkflow("acme/api", "CI", ".github/workflows/ci.yml").Id;
        var run = emulator.Scenario.StartRun(world.WorkflowId, new RunSpec("main", "Add health endpoint", "Ada Lovelace", "ada@example.com", "ada"));
        emulator.Scenario.BeginRun(run.Id);
        emulator.Scenario.CompleteRun(run.Id, "success");
        return world;
    }

    public Task AddInstanceAsync() => Api.AddGitHubInstanceAsync(InstanceId, Emulator.ApiBaseUrl, Token);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
