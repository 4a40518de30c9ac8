using FlowForge.Emulators.Jenkins;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Emulators.Tests.Jenkins;

public sealed class JenkinsDemoScenarioTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_seed_has_folders_a_multibranch_project_both_kinds_of_jobs_and_history()
    {
        await using var emulator = await JenkinsEmulator.StartAsync(new JenkinsEmulatorOptions { Users = JenkinsClient.Users }, Cancel);

        JenkinsDemoScenario.Seed(emulator);

        var items = emulator.Scenario.Items();
        var jobs = items.Where(item => item.NextBuildNumber > 0).ToList();
        Assert.Contains(items, item => item.Class == "org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject");
        Assert.Contains(jobs, job => job.Class == "hudson.model.FreeStyleProject");
        Assert.Contains(jobs, job => job.FullName == "web/storefront/feature%2Fcheckout-v2" && job.Branch == "feature/checkout-v2");
        Assert.Contains(jobs, job => job.FullName.Count(c => c == '/') == 2);
        Assert.All(jobs, job => Assert.InRange(emulator.Scenario.Builds(job.FullName).Count, 3, 6));
        Assert.All(jobs, job => Assert.DoesNotContain(emulator.Scenario.Builds(job.FullName), build => build.Building));
        var releases = emulator.Scenario.Builds("release-train");
        Assert.Equal(5, releases[0].Parameters.Count);
    }

    [Fact]
    public async Task The_activity_queues_starts_advances_and_finishes_builds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await JenkinsEmulator.StartAsync(new JenkinsEmulatorOptions { Users = JenkinsClient.Users, TimeProvider = time }, Cancel);
        JenkinsDemoScenario.Seed(emulator);
        var before = emulator.Scenario.Items().Sum(item => Math.Max(0, item.NextBuildNumber - 1));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);

        var activity = JenkinsDemoScenario.RunAsync(emulator, time, stop.Token);
        var sawRunning = false;
        for (var second = 0; second < 240; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(2, Cancel);
            sawRunning |= emulator.Scenario.RunningBuilds().Count > 0;
        }

        await stop.CancelAsync();
        await activity;

        var after = emulator.Scenario.Items().Sum(item => Math.Max(0, item.NextBuildNumber - 1));
        Assert.True(after - before >= 10, $"only {after - before} builds in four minutes");
        Assert.True(sawRunning);
    }
}
