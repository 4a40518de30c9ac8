using FlowForge.Core.Access;
using FlowForge.Storage.Entities;
using FlowForge.Storage.Json;
using FlowForge.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FlowForge.Storage.Repositories;

/// <summary>API keys in <c>api_keys</c>. No delete: a revoked key stays, so the audit trail can still name it.</summary>
internal sealed class ApiKeyRepository(IDbContextFactory<FlowForgeDbContext> contexts, WriteGate gate) : IApiKeyStore
{
    private const int SqliteConstraint = 19;

    public Task<bool> AddAsync(ApiKey key, byte[] secretHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(secretHash);
        return gate.RunAsync(
            async () =>
            {
                await using var context = await contexts.CreateDbContextAsync(cancellationToken);
                if (await context.ApiKeys.AnyAsync(existing => existing.Id == key.Id, cancellationToken))
                {
                    return false;
                }

                context.ApiKeys.Add(new ApiKeyEntity
                {
                    Id = key.Id,
                    Name = key.Name,
                    Role = key.Role.Name(),
                    InstancesJson = StorageJson.Write(key.Instances),
                    SecretHash = [.. secretHash],
                    CreatedAt = key.CreatedAt,
                    CreatedBy = key.CreatedBy,
                    ExpiresAt = key.ExpiresAt,
                    RevokedAt = key.RevokedAt,
                    RevokedBy = key.RevokedBy,
                    LastUsedAt = key.LastUsedAt,
                });
                try
                {
                    await context.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException exception) when (exception.InnerException is SqliteException { SqliteErrorCode: SqliteConstraint })
                {
                    return false;
                }

                return true;
            },
            cancellationToken);
    }

    public async Task<StoredApiKey?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await context.ApiKeys.AsNoTracking().SingleOrDefaultAsync(key => key.Id == id, cancellationToken);
        return entity is null ? null : new StoredApiKey(ToDomain(entity), entity.SecretHash);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);

        // Ordered in memory: the converted DateTimeOffset orders correctly in SQL, but a handful of keys needs no index.
        var entities = await context.ApiKeys.AsNoTracking().ToListAsync(cancellationToken);
        return [.. entities.OrderByDescending(key => key.CreatedAt).ThenBy(key => key.Id, StringComparer.Ordinal).Select(ToDomain)];
    }

    public Task<ApiKey?> RevokeAsync(string id, DateTimeOffset at, string by, CancellationToken cancellationToken) =>
        gate.RunAsync(
            async () =>
            {
                await using var context = await contexts.CreateDbContextAsync(cancellationToken);
                var entity = await context.ApiKeys.SingleOrDefaultAsync(key => key.Id == id, cancellationToken);
                if (entity is null)
                {
                    return null;
                }

                if (entity.RevokedAt is null)
                {
                    entity.RevokedAt = at;
                    entity.RevokedBy = by;
                    await context.SaveChangesAsync(cancellationToken);
                }

                return ToDomain(entity);
            },
            cancellationToken);

    public Task TouchAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        gate.RunAsync(
            async () =>
            {
                await using var context = await contexts.CreateDbContextAsync(cancellationToken);
                await context.ApiKeys.Where(key => key.Id == id).ExecuteUpdateAsync(set => set.SetProperty(key => key.LastUsedAt, at), cancellationToken);
            },
            cancellationToken);

    private static ApiKey ToDomain(ApiKeyEntity entity) =>
        new(
            entity.Id,
            entity.Name,
            // A role name this build does not know gives the least access rather than failing every list.
            AccessRoles.TryParse(entity.Role, out var role) ? role : AccessRole.Viewer,
            StorageJson.ReadList(entity.InstancesJson),
            entity.CreatedAt,
            entity.CreatedBy,
            entity.ExpiresAt,
            entity.RevokedAt,
            entity.RevokedBy,
            entity.LastUsedAt);
}
