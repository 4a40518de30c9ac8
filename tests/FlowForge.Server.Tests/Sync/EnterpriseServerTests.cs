using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Sync;

public sealed class EnterpriseServerTests
{
    [Fact]
    public async Task A_GitHub_Enterprise_Server_base_url_with_api_v3_works()
    {
        await using var world = await GitHubWorld.StartAsync(pathBase: "/api/v3");
        Assert.EndsWith("/api/v3/", world.Emulator.ApiBaseUrl.AbsolutePath, StringComparison.Ordinal);
        await world.AddInstanceAsync();

        var report = await world.Api.SyncAsync(GitHubWorld.InstanceId);

        Assert.True(report.Succeeded, report.Error);
        Assert.Single((await world.Api.PipelinesAsync()).Items);
        Assert.All(world.Emulator.Requests.Snapshot().Where(r => r.Listener == "api"),
            request => Assert.StartsWith("/api/v3/", request.PathAndQuery, StringComparison.Ordinal));
    }
}
