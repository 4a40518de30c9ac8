using FlowForge.Core.Access;
using FlowForge.Core.Auditing;
using FlowForge.Core.Persistence;
using FlowForge.Storage;
using FlowForge.Storage.Hosting;
using FlowForge.Storage.Repositories;
using FlowForge.Storage.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite store at <paramref name="databasePath"/>: the pooled context factory, the write
    /// gate, the connection settings, the persistence ports (instances, sync, reads, API keys, audit log) and <see cref="DatabaseMigrator"/>, which
    /// migrates the database when the host starts. Call it before other services that touch the store at
    /// start-up. Extra <see cref="IInterceptor"/> services registered in the container are added to the
    /// contexts too (diagnostics, tests).
    /// </summary>
    public static IServiceCollection AddFlowForgeStorage(this IServiceCollection services, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(services);
        var database = StorageDatabase.ForFile(databasePath);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StoreVersion>();
        services.AddSingleton(database);
        services.AddSingleton<WriteGate>();
        services.AddSingleton<SqliteConnectionInterceptor>();
        services.AddPooledDbContextFactory<FlowForgeDbContext>((provider, options) =>
        {
            StorageDatabase.Configure(options, database.ConnectionString, provider.GetRequiredService<SqliteConnectionInterceptor>());
            options.AddInterceptors(provider.GetServices<IInterceptor>());
        });

        services.AddSingleton<IInstanceRepository, InstanceRepository>();
        services.AddSingleton<ISyncStore, SyncStore>();
        services.AddSingleton<IPipelineReader, PipelineReader>();
        services.AddSingleton<IApiKeyStore, ApiKeyRepository>();
        services.AddSingleton<AuditLogRepository>();
        services.AddSingleton<IAuditLog>(provider => provider.GetRequiredService<AuditLogRepository>());
        services.AddSingleton<IAuditRetention>(provider => provider.GetRequiredService<AuditLogRepository>());

        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<DatabaseMigrator>());
        return services;
    }
}
