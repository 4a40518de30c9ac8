using FlowForge.Emulators.GitHub;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Emulators.Tests;

public sealed class DemoScaleTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SeedMany_adds_exactly_the_asked_workflows_in_repositories_of_ten_each_with_a_completed_run_and_a_few_failing()
    {
        await using var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { TimeProvider = new FakeTimeProvider(Now) }, TestContext.Current.CancellationToken);
        GitHubDemoScenario.Seed(emulator);
        var before = Workflows(emulator).Count;

        GitHubDemoScenario.SeedMany(emulator, 1005);

        var fleet = emulator.Scenario.Repositories().Where(r => r.Owner == "fleet").ToList();
        Assert.Equal(101, fleet.Count);
        Assert.Equal(fleet.Count, fleet.Select(r => r.FullName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(before + 1005, Workflows(emulator).Count);
        var sizes = fleet.Select(r => emulator.Scenario.Workflows(r.FullName).Count).ToList();
        Assert.Equal(100, sizes.Count(size => size == 10));
        Assert.Equal(1, sizes.Count(size => size == 5));

        var latest = fleet.SelectMany(r => emulator.Scenario.Workflows(r.FullName))
            .Select(w => emulator.Scenario.Runs(w.RepositoryFullName).First(run => run.WorkflowId == w.Id))
            .ToList();
        Assert.Equal(1005, latest.Count);
        Assert.All(latest, run => Assert.True(run.IsCompleted));
        var failing = latest.Count(run => run.Conclusion == GitHubConclusion.Failure);
        Assert.InRange(failing, 20, 150);
    }

    [Fact]
    public async Task SeedMany_of_nothing_adds_nothing()
    {
        await using var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { TimeProvider = new FakeTimeProvider(Now) }, TestContext.Current.CancellationToken);

        GitHubDemoScenario.SeedMany(emulator, 0);

        Assert.Empty(emulator.Scenario.Repositories());
    }

    private static List<EmulatedWorkflow> Workflows(GitHubEmulator emulator) =>
        [.. emulator.Scenario.Repositories().SelectMany(r => emulator.Scenario.Workflows(r.FullName))];
}
