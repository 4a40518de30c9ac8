using FlowForge.Core.Auditing;
using FlowForge.Storage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Storage.Tests;

public sealed class AuditLogRepositoryTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1793534400000);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Entries_are_appended_with_growing_ids_and_read_back_as_written()
    {
        await using var store = await TestStore.CreateAsync();
        var log = store.Services.GetRequiredService<IAuditLog>();
        var entry = Entry(Now, "ada", "run.trigger", "acme", "acme/ci") with
        {
            ActorKeyId = "k1",
            RunId = "42",
            Parameters = new Dictionary<string, string> { ["ref"] = "main", ["token"] = "***" },
            UpstreamStatusCode = 204,
        };

        var first = await log.AppendAsync(entry, Ct);
        var second = await log.AppendAsync(entry, Ct);

        Assert.True(first.Id > 0);
        Assert.True(second.Id > first.Id);
        var page = await log.QueryAsync(new AuditQuery(), Ct);
        Assert.Equal([second.Id, first.Id], page.Items.Select(item => item.Id));
        var stored = page.Items[1];
        Assert.Equal(entry with { Id = first.Id, Parameters = stored.Parameters }, stored);
        Assert.Equal(entry.Parameters, stored.Parameters);
        Assert.Null(page.NextCursor);
        Assert.Equal(0, store.Version.Current);
    }

    [Fact]
    public async Task Queries_filter_and_page_newest_first()
    {
        await using var store = await TestStore.CreateAsync();
        var log = store.Services.GetRequiredService<IAuditLog>();
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync(Entry(Now.AddMinutes(i), i % 2 == 0 ? "ada" : "bob", "run.trigger", "acme", "acme/ci"), Ct);
        }

        await log.AppendAsync(Entry(Now.AddMinutes(10), "ada", "instance.update", "zeta", null), Ct);

        Assert.Equal(4, (await log.QueryAsync(new AuditQuery(Actor: "ada"), Ct)).Items.Count);
        Assert.Single((await log.QueryAsync(new AuditQuery(Action: "instance.update"), Ct)).Items);
        Assert.Equal(5, (await log.QueryAsync(new AuditQuery(InstanceId: "acme"), Ct)).Items.Count);
        Assert.Equal(5, (await log.QueryAsync(new AuditQuery(PipelineKey: "acme/ci"), Ct)).Items.Count);
        var window = await log.QueryAsync(new AuditQuery(Since: Now.AddMinutes(1), Until: Now.AddMinutes(3)), Ct);
        Assert.Equal([Now.AddMinutes(2), Now.AddMinutes(1)], window.Items.Select(item => item.At));

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await log.QueryAsync(new AuditQuery(Cursor: cursor, Limit: 2), Ct);
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(item => item.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(6, seen.Count);
        Assert.Equal(seen.OrderDescending(), seen);
        await Assert.ThrowsAsync<ArgumentException>(() => log.QueryAsync(new AuditQuery(Cursor: "not-a-cursor"), Ct));
    }

    [Fact]
    public async Task Retention_deletes_only_entries_older_than_the_cutoff()
    {
        await using var store = await TestStore.CreateAsync();
        var log = store.Services.GetRequiredService<IAuditLog>();
        await log.AppendAsync(Entry(Now.AddDays(-400), "ada", "key.create", null, null), Ct);
        await log.AppendAsync(Entry(Now.AddDays(-366), "ada", "key.create", null, null), Ct);
        var kept = await log.AppendAsync(Entry(Now.AddDays(-365), "ada", "key.revoke", null, null), Ct);
        var recent = await log.AppendAsync(Entry(Now, "ada", "key.revoke", null, null), Ct);

        var deleted = await store.Services.GetRequiredService<IAuditRetention>().DeleteOlderThanAsync(Now.AddDays(-365), Ct);

        Assert.Equal(2, deleted);
        Assert.Equal([recent.Id, kept.Id], (await log.QueryAsync(new AuditQuery(), Ct)).Items.Select(item => item.Id));
    }

    [Fact]
    public async Task The_store_refuses_to_change_an_entry()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Services.GetRequiredService<IAuditLog>().AppendAsync(Entry(Now, "ada", "run.cancel", "acme", null), Ct);

        var refused = Assert.Throws<SqliteException>(() => store.Execute("UPDATE audit_entries SET actor = 'mallory'"));

        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, store.Scalar("SELECT COUNT(*) FROM audit_entries WHERE actor = 'ada'"));
    }

    private static AuditEntry Entry(DateTimeOffset at, string actor, string action, string? instanceId, string? pipelineKey) =>
        new(0, at, actor, null, action, instanceId, pipelineKey, null, new Dictionary<string, string>(), AuditOutcomes.Succeeded, 200, null, null);
}
