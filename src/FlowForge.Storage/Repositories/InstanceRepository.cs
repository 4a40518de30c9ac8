using FlowForge.Abstractions.Domain;
using FlowForge.Core.Persistence;
using FlowForge.Storage.Entities;
using FlowForge.Storage.Mapping;
using FlowForge.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FlowForge.Storage.Repositories;

/// <summary>Provider instances and their health in the <c>instances</c> table.</summary>
internal sealed class InstanceRepository(IDbContextFactory<FlowForgeDbContext> contexts, WriteGate gate, StoreVersion version)
    : IInstanceRepository
{
    private const int SqliteConstraint = 19;

    public async Task<IReadOnlyList<ProviderInstance>> ListAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var entities = await context.Instances.AsNoTracking().OrderBy(instance => instance.Id).ToListAsync(cancellationToken);
        return [.. entities.Select(DomainMapper.ToDomain)];
    }

    public async Task<ProviderInstance?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await context.Instances.AsNoTracking().SingleOrDefaultAsync(instance => instance.Id == id, cancellationToken);
        return entity is null ? null : DomainMapper.ToDomain(entity);
    }

    public Task<bool> AddAsync(ProviderInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return gate.RunAsync(
            async () =>
            {
                await using var context = await contexts.CreateDbContextAsync(cancellationToken);
                if (await context.Instances.AnyAsync(existing => existing.Id == instance.Id, cancellationToken))
                {
                    return false;
                }

                var entity = new InstanceEntity();
                DomainMapper.Apply(entity, instance);
                DomainMapper.Apply(entity, InstanceHealth.NotSynced);
                context.Instances.Add(entity);
                try
                {
                    await context.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException exception) when (exception.InnerException is SqliteException { SqliteErrorCode: SqliteConstraint })
                {
                    // Added by another process between the check and the insert.
                    return false;
                }

                version.Bump();
                return true;
            },
            cancellationToken);
    }

    public Task<bool> UpdateAsync(ProviderInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return gate.RunAsync(
            async () =>
            {
                await using var context = await contexts.CreateDbContextAsync(cancellationToken);
                var entity = await context.Instances.SingleOrDefaultAsync(existing => existing.Id == instance.Id, cancellationToken);
                if (entity is null)
                {
                    return false;
                }

                // The configuration is replaced; when the instance was created is not configuration.
                var createdAt = entity.CreatedAt;
                DomainMapper.Apply(entity, instance);
                entity.CreatedAt = createdAt;
                if (await context.SaveChangesAsync(cancellationToken) > 0)
                {
                    version.Bump();
                }

                return true;
            },
            cancellationToken);
    }

    public Task<bool> RemoveAsync(string id, CancellationToken cancellationToken) =>
        gate.RunAsync(
            async () =>
            {
                await using var context = await contexts.CreateDbContextAsync(cancellationToken);

                // The foreign keys cascade: pipelines, runs, jobs, steps and job logs go with the instance.
                var removed = await context.Instances.Where(instance => instance.Id == id).ExecuteDeleteAsync(cancellationToken);
                if (removed > 0)
                {
                    version.Bump();
                }

                return removed > 0;
            },
            cancellationToken);

    public async Task<InstanceHealth> GetHealthAsync(string id, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await context.Instances.AsNoTracking().SingleOrDefaultAsync(instance => instance.Id == id, cancellationToken);
        return entity is null ? InstanceHealth.NotSynced : DomainMapper.HealthOf(entity);
    }

    /// <summary>
    /// Stores an instance's health; nothing happens when the instance is gone (a sync that outlived its
    /// instance's removal). Health is not pipeline or run data, so it does not move the store version.
    /// </summary>
    public Task SaveHealthAsync(string id, InstanceHealth health, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(health);
        return gate.RunAsync(
            async () =>
            {
                await using var context = await contexts.CreateDbContextAsync(cancellationToken);
                var entity = await context.Instances.SingleOrDefaultAsync(instance => instance.Id == id, cancellationToken);
                if (entity is not null)
                {
                    DomainMapper.Apply(entity, health);
                    await context.SaveChangesAsync(cancellationToken);
                }
            },
            cancellationToken);
    }
}
