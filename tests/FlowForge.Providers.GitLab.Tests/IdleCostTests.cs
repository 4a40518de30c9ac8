using FlowForge.Emulators.GitLab;
using FlowForge.Providers.GitLab.Tests.Infrastructure;

namespace FlowForge.Providers.GitLab.Tests;

/// <summary>
/// The cost the sync engine's idle poll has at 50 watched pipelines (one per project), against re-fetching everything
/// (the pipelines list and every listed run's jobs, which is what getting commit messages costs without the facts
/// cache). GitLab counts every request against its throttle; there are no free conditional requests.
/// </summary>
public sealed class IdleCostTests
{
    private const int Projects = 50;
    private const int RunsPerProject = 4;

    [Fact]
    public async Task An_idle_poll_of_50_pipelines_costs_50_requests_instead_of_250()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var pipelines = Enumerable.Range(0, Projects).Select(i =>
        {
            var project = gitlab.AddProject(path: $"service-{i:D2}");
            for (var run = 0; run < RunsPerProject; run++)
            {
                gitlab.Scenario.AddCompletedPipeline(
                    project.Id, new PipelineSpec("main", $"Change {run}", "Ada", "ada@example.com", "ada"), GitLabStatus.Success, GitLabTestHost.Now.AddHours(run - 10), TimeSpan.FromMinutes(2));
            }

            return EmulatedGitLab.Pipeline(project);
        }).ToList();
        var cancel = TestContext.Current.CancellationToken;

        // After a start, listings read each run's jobs once, at most 50 per listing, until every run is known.
        var warmMark = gitlab.Mark();
        var listings = 0;
        while ((await gitlab.Connection.ListRecentRunsAsync(pipelines, 30, cancel)).Count < Projects * RunsPerProject)
        {
            listings++;
        }

        var warm = gitlab.Emulator.Requests.Snapshot().Skip(warmMark).ToList();
        var mark = gitlab.Mark();
        var budget = gitlab.Emulator.RateLimitRemaining(GitLabTestHost.Token);

        var runs = await gitlab.Connection.ListRecentRunsAsync(pipelines, 30, cancel);

        var idle = gitlab.Emulator.Requests.Snapshot().Skip(mark).ToList();
        Assert.Equal(Projects * RunsPerProject, runs.Count);
        Assert.All(runs, run => Assert.NotNull(run.Commit?.Message));
        Assert.Equal(Projects, idle.Count);
        Assert.Equal(Projects, budget - gitlab.Emulator.RateLimitRemaining(GitLabTestHost.Token));
        Assert.All(idle, request => Assert.True(request.CostRateLimit));

        // Re-fetching everything (each listed run's jobs, which carry its commit) would cost a list and a job read per run.
        var refetchEverything = Projects * (1 + RunsPerProject);
        Assert.Equal(3, listings);
        Assert.Equal((listings + 1) * Projects + (Projects * RunsPerProject), warm.Count);
        Assert.Equal(250, refetchEverything);
        TestContext.Current.SendDiagnosticMessage(
            $"GitLab idle poll at {Projects} pipelines: {idle.Count} requests, rate-limit cost {idle.Count}; re-fetching everything: {refetchEverything} requests and cost.");
    }
}
