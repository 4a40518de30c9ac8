using FlowForge.Emulators.GitHub;
using FlowForge.Emulators.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Emulators.Tests;

public sealed class DemoScenarioTests
{
    [Fact]
    public async Task Seed_creates_repositories_of_two_owners_whose_workflows_all_have_a_completed_latest_run()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        GitHubDemoScenario.Seed(emulator);

        var repositories = emulator.Scenario.Repositories();
        Assert.InRange(repositories.Count, 4, 6);
        Assert.Equal(["acme", "tools"], repositories.Select(r => r.Owner).Distinct().Order(StringComparer.Ordinal));
        using var client = EmulatorClient.Create(emulator);
        var conclusions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var repository in repositories)
        {
            var workflows = (await client.GetJsonAsync($"repos/{repository.FullName}/actions/workflows")).GetProperty("workflows").EnumerateArray().ToList();
            Assert.InRange(workflows.Count, 1, 3);
            foreach (var workflow in workflows)
            {
                var runs = (await client.GetJsonAsync($"repos/{repository.FullName}/actions/workflows/{workflow.GetProperty("id").GetInt64()}/runs")).GetProperty("workflow_runs");
                Assert.True(runs.GetArrayLength() >= 1, $"{repository.FullName} {workflow.GetProperty("name")} has no run");
                Assert.Equal("completed", runs[0].GetProperty("status").GetString());
                conclusions.UnionWith(runs.EnumerateArray().Select(r => r.GetProperty("conclusion").GetString()!));
            }
        }

        Assert.Superset(new HashSet<string> { "success", "failure", "cancelled" }, conclusions);
        var history = repositories.SelectMany(r => emulator.Scenario.Runs(r.FullName)).ToList();
        Assert.True(history.Select(r => r.HeadBranch).Distinct().Count() > 2, "branches vary");
        Assert.True(history.Select(r => r.HeadCommit.AuthorName).Distinct().Count() > 2, "authors vary");
        Assert.All(history, r => Assert.True(r.CreatedAt < emulator.TimeProvider.GetUtcNow()));
    }

    [Fact]
    public async Task Seed_is_deterministic_for_a_seed()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
        static async Task<string[]> Seeded(FakeTimeProvider time, int seed)
        {
            await using var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { TimeProvider = time }, TestContext.Current.CancellationToken);
            GitHubDemoScenario.Seed(emulator, seed);
            return
            [
                .. emulator.Scenario.Repositories().SelectMany(r => emulator.Scenario.Runs(r.FullName))
                    .Select(r => $"{r.Id} {r.RepositoryFullName} {r.WorkflowName} {r.HeadBranch} {r.Conclusion} {r.CreatedAt:O} {r.DisplayTitle}"),
            ];
        }

        Assert.Equal(await Seeded(time, 7), await Seeded(time, 7));
        Assert.NotEqual(await Seeded(time, 7), await Seeded(time, 8));
    }

    [Fact]
    public async Task RunAsync_keeps_starting_progressing_and_completing_runs_until_cancelled()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
        await using var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { TimeProvider = time }, TestContext.Current.CancellationToken);
        GitHubDemoScenario.Seed(emulator);
        var seeded = AllRuns(emulator).Select(r => r.Id).ToHashSet();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var loop = GitHubDemoScenario.RunAsync(emulator, time, stop.Token);
        var sawRunning = false;
        await Scenarios.EventuallyAsync(
            () =>
            {
                var fresh = AllRuns(emulator).Where(r => !seeded.Contains(r.Id)).ToList();
                sawRunning |= fresh.Any(r => r.Status == GitHubStatus.InProgress);
                return sawRunning && fresh.Count(r => r.IsCompleted) >= 3;
            },
            "new runs that run and complete",
            between: () => time.Advance(TimeSpan.FromSeconds(1)),
            attempts: 20_000);

        Assert.False(loop.IsCompleted);
        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(loop.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task RunAsync_also_plays_out_runs_that_others_started()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
        await using var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { TimeProvider = time }, TestContext.Current.CancellationToken);
        var (_, workflow) = Scenarios.RepositoryWithWorkflow(emulator);
        var dispatched = emulator.Scenario.StartRun(workflow.Id, Scenarios.Push());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var loop = GitHubDemoScenario.RunAsync(emulator, time, stop.Token);
        await Scenarios.EventuallyAsync(() => emulator.Scenario.GetRun(dispatched.Id).IsCompleted, "the outside run to complete",
            between: () => time.Advance(TimeSpan.FromSeconds(1)), attempts: 20_000);

        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task RunAsync_keeps_a_run_of_the_long_running_workflow_going_while_others_come_and_go()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
        await using var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { TimeProvider = time }, TestContext.Current.CancellationToken);
        var (repository, _) = Scenarios.RepositoryWithWorkflow(emulator);
        var nightly = emulator.Scenario.AddWorkflow(repository.FullName, GitHubDemoScenario.LongRunningWorkflow, ".github/workflows/nightly.yml");
        var longRun = emulator.Scenario.StartRun(nightly.Id, Scenarios.Push());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var loop = GitHubDemoScenario.RunAsync(emulator, time, stop.Token);
        await Scenarios.EventuallyAsync(
            () => AllRuns(emulator).Count(run => run.WorkflowId != nightly.Id && run.IsCompleted) >= 5,
            "five other runs to come and go",
            between: () => time.Advance(TimeSpan.FromSeconds(1)),
            attempts: 20_000);

        Assert.Equal(GitHubStatus.InProgress, emulator.Scenario.GetRun(longRun.Id).Status);
        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    private static IEnumerable<EmulatedRun> AllRuns(GitHubEmulator emulator) =>
        emulator.Scenario.Repositories().SelectMany(r => emulator.Scenario.Runs(r.FullName));
}
