using FlowForge.Abstractions.Domain;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Sync;

public sealed class RestartTests
{
    [Fact]
    public async Task Instances_pipelines_and_runs_survive_a_restart()
    {
        var world = await GitHubWorld.StartAsync();
        await using var _ = world;
        await world.AddInstanceAsync();
        Assert.True((await world.Api.SyncAsync(GitHubWorld.InstanceId)).Succeeded);
        var before = await world.Api.PipelinesAsync();
        await world.App.DisposeAsync();

        await using var restarted = new FlowForgeApp(world.App.DataDirectory);
        var api = new ApiClient(restarted.CreateRecordingClient());

        var after = await api.PipelinesAsync();
        Assert.Equal(before.Items.Select(p => (p.Key, p.LatestRun!.Id, p.LatestRun.Status, p.LatestRun.Commit!.Sha)),
            after.Items.Select(p => (p.Key, p.LatestRun!.Id, p.LatestRun.Status, p.LatestRun.Commit!.Sha)));
        var instance = await api.InstanceAsync(GitHubWorld.InstanceId);
        Assert.Equal("healthy", instance.Health.State);
        Assert.NotNull(instance.Health.LastSuccessAt);

        // The in-memory secret store starts empty: the sync says what to do instead of failing obscurely.
        var report = await api.SyncAsync(GitHubWorld.InstanceId);
        Assert.False(report.Succeeded);
        Assert.Contains("set it again", report.Error, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Succeeded, (await api.PipelinesAsync()).Items[0].LatestRun!.Status);
    }
}
