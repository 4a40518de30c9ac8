using FlowForge.Core.Auditing;
using FlowForge.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Server.Tests.Auditing;

public sealed class RetentionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_daily_sweep_deletes_only_entries_past_the_retention()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new FlowForgeApp(settings: new Dictionary<string, string?> { ["FlowForge:Audit:RetentionDays"] = "30" }, time: time);
        var log = app.Services.GetRequiredService<IAuditLog>();
        var now = time.GetUtcNow();
        await log.AppendAsync(Entry(now.AddDays(-31), "old"), Cancel);
        await log.AppendAsync(Entry(now.AddDays(-29), "young"), Cancel);

        var deleted = await app.Services.GetRequiredService<AuditRetentionService>().SweepAsync(Cancel);

        Assert.Equal(1, deleted);
        Assert.Equal(["young"], (await log.QueryAsync(new AuditQuery(), Cancel)).Items.Select(entry => entry.Actor));

        // A day later the timer sweeps by itself; the young entry is now past 30 days too.
        time.Advance(TimeSpan.FromDays(2));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((await log.QueryAsync(new AuditQuery(), Cancel)).Items.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Cancel);
        }

        Assert.Empty((await log.QueryAsync(new AuditQuery(), Cancel)).Items);
    }

    [Fact]
    public void A_retention_out_of_range_fails_start_up()
    {
        var directory = TempDirectory.Create();
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("FlowForge:DataDirectory", directory)

            // Without a store chosen, start-up could stop at the secret store first, depending on the machine.
            .UseSetting("FlowForge:Secrets:DefaultStore", "memory")
            .UseSetting("FlowForge:Audit:RetentionDays", "0"));

        var refused = Assert.ThrowsAny<Exception>(() => factory.Services);

        Assert.Contains("RetentionDays", refused.ToString(), StringComparison.Ordinal);
    }

    private static AuditEntry Entry(DateTimeOffset at, string actor) =>
        new(0, at, actor, null, AuditActions.InstanceSync, "acme", null, null, new Dictionary<string, string>(), AuditOutcomes.Succeeded, 200, null, null);
}
