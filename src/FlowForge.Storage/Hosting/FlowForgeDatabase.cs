using FlowForge.Storage.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowForge.Storage.Hosting;

/// <summary>Brings the database registered by <c>AddFlowForgeStorage</c> to the current schema.</summary>
public static partial class FlowForgeDatabase
{
    /// <summary>
    /// Creates the database's directory and file, turns on WAL and applies every pending migration (in one
    /// go, under the store's write gate). Safe to call again: an up-to-date database is left alone.
    /// </summary>
    /// <returns>The ids of the migrations this call applied, oldest first; empty when none were pending.</returns>
    public static async Task<IReadOnlyList<string>> MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var database = services.GetRequiredService<StorageDatabase>();
        var gate = services.GetRequiredService<WriteGate>();
        var contexts = services.GetRequiredService<IDbContextFactory<FlowForgeDbContext>>();
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(DatabaseMigrator)) ?? NullLogger.Instance;

        return await gate.RunAsync(
            async () =>
            {
                var directory = Path.GetDirectoryName(database.Path);
                if (!string.IsNullOrEmpty(directory))
                {
                    Directory.CreateDirectory(directory);
                }

                var journalMode = await database.EnableWriteAheadLogAsync(cancellationToken);
                if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    LogNoWriteAheadLog(logger, database.Path, journalMode);
                }

                await using var context = await contexts.CreateDbContextAsync(cancellationToken);
                var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count == 0)
                {
                    LogUpToDate(logger, database.Path);
                    return pending;
                }

                await context.Database.MigrateAsync(cancellationToken);
                LogMigrated(logger, database.Path, pending.Count, string.Join(", ", pending));
                return pending;
            },
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Path} is up to date")]
    private static partial void LogUpToDate(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Path}: applied {Count} migration(s): {Migrations}")]
    private static partial void LogMigrated(ILogger logger, string path, int count, string migrations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database {Path} could not switch to WAL (journal mode is '{JournalMode}'); writers will block readers")]
    private static partial void LogNoWriteAheadLog(ILogger logger, string path, string journalMode);
}
