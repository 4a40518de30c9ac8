using FlowForge.Core.Auditing;
using FlowForge.Storage.Entities;
using FlowForge.Storage.Json;
using FlowForge.Storage.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FlowForge.Storage.Repositories;

/// <summary>
/// The audit log in <c>audit_entries</c>: inserts, reads, and the retention delete. There is no update path here, and
/// the table's trigger refuses one from anywhere else. Appends do not move the store version (not pipeline data).
/// </summary>
internal sealed class AuditLogRepository(IDbContextFactory<FlowForgeDbContext> contexts, WriteGate gate) : IAuditLog, IAuditRetention
{
    public Task<AuditEntry> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return gate.RunAsync(
            async () =>
            {
                await using var context = await contexts.CreateDbContextAsync(cancellationToken);
                var entity = new AuditEntryEntity
                {
                    At = entry.At,
                    Actor = entry.Actor,
                    ActorKeyId = entry.ActorKeyId,
                    Action = entry.Action,
                    InstanceId = entry.InstanceId,
                    PipelineKey = entry.PipelineKey,
                    RunId = entry.RunId,
                    ParametersJson = StorageJson.Write(entry.Parameters),
                    Outcome = entry.Outcome,
                    StatusCode = entry.StatusCode,
                    UpstreamStatusCode = entry.UpstreamStatusCode,
                    Detail = entry.Detail,
                };
                context.AuditEntries.Add(entity);
                await context.SaveChangesAsync(cancellationToken);
                return ToDomain(entity);
            },
            cancellationToken);
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, AuditQuery.MaxLimit);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = context.AuditEntries.AsNoTracking();
        if (query.Cursor is not null)
        {
            var before = AuditCursor.Decode(query.Cursor);
            rows = rows.Where(entry => entry.Id < before);
        }

        if (query.Actor is not null)
        {
            rows = rows.Where(entry => entry.Actor == query.Actor);
        }

        if (query.Action is not null)
        {
            rows = rows.Where(entry => entry.Action == query.Action);
        }

        if (query.InstanceId is not null)
        {
            rows = rows.Where(entry => entry.InstanceId == query.InstanceId);
        }

        if (query.PipelineKey is not null)
        {
            rows = rows.Where(entry => entry.PipelineKey == query.PipelineKey);
        }

        if (query.Since is { } since)
        {
            rows = rows.Where(entry => entry.At >= since);
        }

        if (query.Until is { } until)
        {
            rows = rows.Where(entry => entry.At < until);
        }

        // Newest first by id: ids follow the order entries were written, which a clock set back cannot disturb.
        var page = await rows.OrderByDescending(entry => entry.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var more = page.Count > limit;
        var items = page.Take(limit).Select(ToDomain).ToList();
        return new AuditPage(items, more ? AuditCursor.Encode(items[^1].Id) : null);
    }

    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        gate.RunAsync(
            async () =>
            {
                await using var context = await contexts.CreateDbContextAsync(cancellationToken);
                return await context.AuditEntries.Where(entry => entry.At < cutoff).ExecuteDeleteAsync(cancellationToken);
            },
            cancellationToken);

    private static AuditEntry ToDomain(AuditEntryEntity entity) =>
        new(
            entity.Id,
            entity.At,
            entity.Actor,
            entity.ActorKeyId,
            entity.Action,
            entity.InstanceId,
            entity.PipelineKey,
            entity.RunId,
            StorageJson.ReadDictionary(entity.ParametersJson),
            entity.Outcome,
            entity.StatusCode,
            entity.UpstreamStatusCode,
            entity.Detail);
}
