using System.Net.Http.Json;
using FlowForge.Emulators.GitHub;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Sync;

/// <summary>The sync engine's cadence, driven by a fake clock and counted on the emulator.</summary>
public sealed class SchedulerTests
{
    [Fact]
    public async Task An_idle_cycle_over_50_repositories_costs_nothing_and_at_most_one_request_per_repository()
    {
        await using var engine = await SyncEngineWorld.StartAsync(repositories: 50);
        await engine.AddInstanceAndSettleAsync();
        var remaining = engine.Emulator.RateLimitRemaining(GitHubWorld.Token);

        var cycles = new List<IReadOnlyList<RecordedRequest>>();
        await engine.Clock.RunForAsync(TimeSpan.FromMinutes(6), afterEachPass: () =>
        {
            var requests = engine.Emulator.Requests.Snapshot();
            engine.Emulator.Requests.Clear();
            if (requests.Count > 0)
            {
                cycles.Add(requests);
            }

            return Task.CompletedTask;
        });

        Assert.True(cycles.Count >= 6, $"Only {cycles.Count} cycles in six idle minutes.");
        Assert.All(cycles, cycle =>
        {
            Assert.InRange(cycle.Count, 1, 50);
            Assert.All(cycle, request =>
            {
                Assert.Equal(304, request.StatusCode);
                Assert.NotNull(request.IfNoneMatch);
                Assert.False(request.CostRateLimit);
            });
        });
        Assert.Contains(cycles, cycle => cycle.Count == 50);
        Assert.Equal(remaining, engine.Emulator.RateLimitRemaining(GitHubWorld.Token));
    }

    [Fact]
    public async Task An_active_run_is_polled_every_fast_tick_until_it_completes_then_the_cadence_backs_off()
    {
        await using var engine = await SyncEngineWorld.StartAsync();
        await engine.AddInstanceAndSettleAsync();
        var run = engine.Emulator.Scenario.StartRun(engine.World.WorkflowId, new RunSpec("main", "Long build", "Ada", "ada@example.com", "ada"));
        engine.Emulator.Scenario.BeginRun(run.Id);

        await engine.Clock.RunForAsync(TimeSpan.FromMinutes(3));
        var whileActive = engine.RunListings("acme/api");
        var jobReads = engine.Emulator.Requests.Snapshot().Count(request => request.PathAndQuery.Contains($"/runs/{run.Id}/jobs", StringComparison.Ordinal));
        engine.Emulator.Scenario.CompleteRun(run.Id, "success");
        engine.Emulator.Requests.Clear();
        await engine.Clock.RunForAsync(TimeSpan.FromMinutes(5));
        var afterwards = engine.RunListings("acme/api");

        // Seen at the next idle poll, then every 5 s while it runs: one listing and one jobs read per tick.
        var activeGaps = Gaps(whileActive).Skip(1).ToList();
        Assert.True(activeGaps.Count >= 20, $"Only {activeGaps.Count} fast polls.");
        Assert.All(activeGaps, gap => Assert.Equal(5, gap));
        Assert.True(jobReads >= activeGaps.Count, $"{jobReads} job reads for {activeGaps.Count} polls.");

        // Completion is seen within a tick; then 5, 10, 20, 40 and the instance's 60 s.
        var idleGaps = Gaps(afterwards).ToList();
        Assert.Equal([5, 10, 20, 40, 60], idleGaps.Take(5));
        Assert.All(idleGaps.Skip(5), gap => Assert.Equal(60, gap));
        var finished = await engine.Api.RunAsync(engine.World.PipelineKey, run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(FlowForge.Abstractions.Domain.RunStatus.Succeeded, finished.Run.Status);
    }

    [Fact]
    public async Task Two_instances_are_polled_at_their_own_intervals()
    {
        await using var engine = await SyncEngineWorld.StartAsync(repositories: 2);
        await engine.Api.Client.PostAsJsonAsync("/api/v1/instances", Instance("fast", 10, "acme/api", engine.Emulator.ApiBaseUrl), ApiClient.Json, TestContext.Current.CancellationToken);
        await engine.Api.Client.PostAsJsonAsync("/api/v1/instances", Instance("slow", 60, "acme/svc-01", engine.Emulator.ApiBaseUrl), ApiClient.Json, TestContext.Current.CancellationToken);
        await engine.Clock.PassAsync();
        await engine.Clock.RunForAsync(TimeSpan.FromMinutes(3));
        engine.Emulator.Requests.Clear();

        await engine.Clock.RunForAsync(TimeSpan.FromMinutes(10));

        Assert.InRange(engine.RunListings("acme/api").Count, 59, 61);
        Assert.InRange(engine.RunListings("acme/svc-01").Count, 9, 11);
    }

    [Fact]
    public async Task Discovery_lists_the_pipelines_of_a_source_again_only_when_its_version_moved()
    {
        await using var engine = await SyncEngineWorld.StartAsync(repositories: 3);
        await engine.AddInstanceAndSettleAsync();

        engine.Emulator.Scenario.AddWorkflow("acme/svc-02", "Release", ".github/workflows/release.yml");
        await engine.Clock.RunForAsync(TimeSpan.FromMinutes(5));

        var workflowListings = engine.Emulator.Requests.Snapshot()
            .Where(request => request.PathAndQuery.Contains("/actions/workflows", StringComparison.Ordinal))
            .Select(request => request.PathAndQuery)
            .ToList();
        Assert.Equal(["/repos/acme/svc-02/actions/workflows?per_page=100"], workflowListings);
        Assert.Contains((await engine.Api.PipelinesAsync()).Items, pipeline => pipeline.Name == "Release" && pipeline.Repository == "acme/svc-02");
    }

    private static object Instance(string id, int refreshSeconds, string repository, Uri baseUrl) => new
    {
        id,
        kind = "github",
        settings = new Dictionary<string, string> { ["token"] = GitHubWorld.Token, ["baseUrl"] = baseUrl.ToString() },
        refreshIntervalSeconds = refreshSeconds,
        watch = new { all = false, sources = new[] { repository } },
    };

    private static IEnumerable<int> Gaps(IReadOnlyList<RecordedRequest> requests) =>
        requests.Zip(requests.Skip(1), (earlier, later) => (int)Math.Round((later.At - earlier.At).TotalSeconds));
}
