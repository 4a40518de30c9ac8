using FlowForge.Emulators.GitHub;
using FlowForge.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Server.Tests.Sync;

/// <summary>A GitHub world on a fake clock shared by the emulator and the server, with the scheduler stepped by hand.</summary>
internal sealed class SyncEngineWorld : IAsyncDisposable
{
    private SyncEngineWorld(GitHubWorld world, FakeTimeProvider time)
    {
        World = world;
        Time = time;
        Clock = new Clock(time, world.App);
    }

    public GitHubWorld World { get; }

    public FakeTimeProvider Time { get; }

    public Clock Clock { get; }

    public GitHubEmulator Emulator => World.Emulator;

    public ApiClient Api => World.Api;

    public static async Task<SyncEngineWorld> StartAsync(int rateLimitPerHour = 5000, int repositories = 1)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        var app = new FlowForgeApp(
            settings: new Dictionary<string, string?>
            {
                ["FlowForge:Sync:JitterFraction"] = "0",
                ["FlowForge:ProviderHttp:BreakDuration"] = "00:00:00.500",
            },
            time: time);
        var world = await GitHubWorld.StartAsync(app: app, time: time, rateLimitPerHour: rateLimitPerHour);
        for (var index = 1; index < repositories; index++)
        {
            world.Emulator.Scenario.AddRepository("acme", $"svc-{index:00}");
            var workflow = world.Emulator.Scenario.AddWorkflow($"acme/svc-{index:00}", "CI", ".github/workflows/ci.yml");
            var run = world.Emulator.Scenario.StartRun(workflow.Id, new RunSpec("main", $"Change {index}", "Ada", "ada@example.com", "ada"));
            world.Emulator.Scenario.BeginRun(run.Id);
            world.Emulator.Scenario.CompleteRun(run.Id, "success");
        }

        return new SyncEngineWorld(world, time);
    }

    /// <summary>Adds the instance and lets the initial activity settle into the idle cadence.</summary>
    public async Task AddInstanceAndSettleAsync(int refreshSeconds = 60)
    {
        await Api.AddGitHubInstanceAsync(GitHubWorld.InstanceId, Emulator.ApiBaseUrl, GitHubWorld.Token, refreshSeconds);
        await Clock.PassAsync();
        await Clock.RunForAsync(TimeSpan.FromMinutes(6));
        Emulator.Requests.Clear();
    }

    /// <summary>The emulator's requests that listed the runs of a repository, with their (fake) times.</summary>
    public IReadOnlyList<RecordedRequest> RunListings(string repository) =>
        [.. Emulator.Requests.Snapshot().Where(request => request.PathAndQuery.StartsWith($"/repos/{repository}/actions/runs?", StringComparison.Ordinal))];

    public async ValueTask DisposeAsync() => await World.DisposeAsync();
}
