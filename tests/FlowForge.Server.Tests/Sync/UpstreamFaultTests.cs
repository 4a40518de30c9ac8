using FlowForge.Emulators.GitHub;
using FlowForge.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Server.Tests.Sync;

/// <summary>Upstream faults: the instance turns unhealthy with a readable error, the last good data stays, the next good sync heals.</summary>
public sealed class UpstreamFaultTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private GitHubWorld _world = null!;

    public static TheoryData<string> Faults => ["unauthorized", "server-error", "primary-rate-limit", "secondary-rate-limit", "too-many-requests", "malformed-json", "timeout"];

    public async ValueTask InitializeAsync() => _world = await GitHubWorld.StartAsync(time: _time);

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_fault_marks_the_instance_unhealthy_keeps_the_data_and_heals(string fault)
    {
        await _world.AddInstanceAsync();
        Assert.True((await _world.Api.SyncAsync(GitHubWorld.InstanceId)).Succeeded);
        var before = await _world.Api.PipelinesAsync();

        _world.Emulator.Faults.FailNext(100, FaultFor(fault));
        var failed = await _world.Api.SyncAsync(GitHubWorld.InstanceId);

        Assert.False(failed.Succeeded);
        var health = (await _world.Api.InstanceAsync(GitHubWorld.InstanceId)).Health;
        Assert.Equal(fault == "unauthorized" ? "unhealthy" : "degraded", health.State);
        Assert.Equal(ExpectedKind(fault), health.LastErrorKind);
        Assert.False(string.IsNullOrWhiteSpace(health.LastError));
        Assert.DoesNotContain("Exception", health.LastError, StringComparison.Ordinal);
        Assert.NotNull(health.LastSuccessAt);
        var during = await _world.Api.PipelinesAsync();
        Assert.Equal(before.Items.Select(p => (p.Key, p.LatestRun!.Id, p.LatestRun.Status)), during.Items.Select(p => (p.Key, p.LatestRun!.Id, p.LatestRun.Status)));

        _world.Emulator.Faults.Clear();
        if (ExpectedKind(fault) == "rateLimited")
        {
            // The provider asked for silence: even "sync now" sends nothing until then.
            var blockedUntil = (await _world.Api.InstanceAsync(GitHubWorld.InstanceId)).Sync.RateLimitBlockedUntil;
            Assert.NotNull(blockedUntil);
            _world.Emulator.Requests.Clear();
            Assert.False((await _world.Api.SyncAsync(GitHubWorld.InstanceId)).Succeeded);
            Assert.Empty(_world.Emulator.Requests.Snapshot());
            _time.Advance(blockedUntil.Value - _time.GetUtcNow() + TimeSpan.FromSeconds(1));
        }

        var run = _world.Emulator.Scenario.StartRun(_world.WorkflowId, new RunSpec("main", "After the storm", "Ada", "ada@example.com", "ada"));
        var healed = await _world.Api.SyncAsync(GitHubWorld.InstanceId);

        Assert.True(healed.Succeeded, healed.Error);
        var recovered = await _world.Api.InstanceAsync(GitHubWorld.InstanceId);
        Assert.Equal("healthy", recovered.Health.State);
        Assert.Null(recovered.Health.LastError);
        Assert.Equal(run.Id.ToString(), (await _world.Api.PipelinesAsync()).Items[0].LatestRun!.Id);
        Assert.DoesNotContain(_world.App.EverythingSaid(), line => line.Contains(GitHubWorld.Token, StringComparison.Ordinal));
    }

    private static EmulatedFault FaultFor(string fault) => fault switch
    {
        "unauthorized" => EmulatedFault.Unauthorized,
        "server-error" => EmulatedFault.ServerError,
        "primary-rate-limit" => EmulatedFault.PrimaryRateLimit,
        "secondary-rate-limit" => EmulatedFault.SecondaryRateLimit,
        "too-many-requests" => EmulatedFault.TooManyRequests,
        "malformed-json" => EmulatedFault.MalformedJson,
        "timeout" => new EmulatedFault.SlowBody(TimeSpan.FromSeconds(10)),
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };

    private static string ExpectedKind(string fault) => fault switch
    {
        "unauthorized" => "authenticationFailed",
        "primary-rate-limit" or "secondary-rate-limit" or "too-many-requests" => "rateLimited",
        "malformed-json" => "badResponse",
        _ => "unavailable",
    };
}
