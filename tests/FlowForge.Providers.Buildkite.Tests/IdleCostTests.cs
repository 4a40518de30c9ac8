using FlowForge.Providers.Buildkite.Tests.Infrastructure;

namespace FlowForge.Providers.Buildkite.Tests;

/// <summary>
/// What an idle cycle costs at 50 watched pipelines, counted on the emulator (every request costs one unit of
/// Buildkite's budget, 304s included), next to what re-reading everything would cost. The numbers go to
/// <c>docs/benchmarks.md</c>.
/// </summary>
public sealed class IdleCostTests
{
    private const int Pipelines = 50;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_idle_cycle_over_fifty_pipelines_costs_one_request_instead_of_a_hundred_and_one()
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        for (var i = 0; i < Pipelines; i++)
        {
            var pipeline = bk.AddPipeline($"Service {i:00}");
            var build = bk.Start(pipeline, $"Change {i}");
            bk.Scenario.CompleteBuild(EmulatedBuildkite.Organization, pipeline.Key.NativeId, build.Number, passed: i % 7 != 0);
        }

        // As the sync engine starts: discovery, pipelines, every pipeline's first listing, the jobs of every run.
        var mark = bk.Mark();
        var sources = await bk.Connection.ListSourcesAsync(Cancel);
        var pipelines = await bk.Connection.ListPipelinesAsync(sources, Cancel);
        var runs = await bk.Connection.ListRecentRunsAsync(pipelines, 30, Cancel);
        foreach (var run in runs)
        {
            await bk.Connection.ListJobsAsync(pipelines.Single(pipeline => pipeline.Key == run.Pipeline), run, Cancel);
        }

        var start = bk.Since(mark);

        // A scheduled poll with every pipeline due and nothing new upstream.
        mark = bk.Mark();
        var again = await bk.Connection.ListRecentRunsAsync(pipelines, 30, Cancel);
        var idle = bk.Since(mark);

        // "Sync now": discovery too.
        mark = bk.Mark();
        await bk.Connection.ListSourcesAsync(Cancel);
        await bk.Connection.ListRecentRunsAsync(pipelines, 30, Cancel);
        var syncNow = bk.Since(mark);

        // Re-reading everything: the pipelines, every pipeline's builds, every build with its jobs.
        using var naive = new BuildkiteTestHost();
        var everything = naive.Connect(bk.Emulator.ApiBaseUrl, EmulatedBuildkite.Organization);
        mark = bk.Mark();
        await everything.ListSourcesAsync(Cancel);
        foreach (var pipeline in pipelines)
        {
            foreach (var run in await everything.ListRecentRunsAsync([pipeline], 30, Cancel))
            {
                await everything.ListJobsAsync(pipeline, run with { UpdatedAt = null }, Cancel);
            }
        }

        var refetch = bk.Since(mark);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"start {start.Count} requests; idle poll {idle.Count} ({idle.Count(r => r.Costly)} costly, {idle.Count(r => r.StatusCode == 304)} answered 304); "
            + $"sync now {syncNow.Count}; re-reading everything {refetch.Count} ({refetch.Count(r => r.Costly)} costly)");
        Assert.Equal(1 + Pipelines, start.Count);
        Assert.Equal(Pipelines, again.Count);
        Assert.Equal(runs.Select(run => (run.NativeId, run.Status)).Order(), again.Select(run => (run.NativeId, run.Status)).Order());
        Assert.Equal(1, idle.Count(request => request.Costly));
        Assert.Equal(2, syncNow.Count);
        Assert.Equal(1 + Pipelines + Pipelines, refetch.Count);
    }
}
