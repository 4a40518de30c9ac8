using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FlowForge.Storage.Sqlite;

/// <summary>Where the database file is and how FlowForge connects to it.</summary>
internal sealed class StorageDatabase
{
    private StorageDatabase(string path, string connectionString)
    {
        Path = path;
        ConnectionString = connectionString;
    }

    public string Path { get; }

    public string ConnectionString { get; }

    /// <summary>
    /// A private-cache, pooled connection to the file. Not <c>Cache=Shared</c>: SQLite's shared cache
    /// locks per table and answers a conflict with SQLITE_LOCKED at once, which busy_timeout does not
    /// retry, and SQLite itself discourages it; WAL already gives readers their own snapshot next to the
    /// single writer. Pooling keeps connections (and their page caches) open between the short-lived contexts.
    /// </summary>
    public static StorageDatabase ForFile(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var path = System.IO.Path.GetFullPath(databasePath);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
        return new StorageDatabase(path, connectionString);
    }

    public static void Configure(DbContextOptionsBuilder options, string connectionString, IInterceptor? interceptor)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseSqlite(connectionString);

        // Every statement at Information would flood the server log (a dashboard refresh runs several);
        // they stay available at Debug for the "Microsoft.EntityFrameworkCore.Database.Command" category.
        options.ConfigureWarnings(warnings => warnings.Log((RelationalEventId.CommandExecuted, LogLevel.Debug)));
        if (interceptor is not null)
        {
            options.AddInterceptors(interceptor);
        }
    }

    /// <summary>Turns on WAL. The journal mode is a property of the file: set once, it persists.</summary>
    public async Task<string> EnableWriteAheadLogAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await using (connection)
        {
            await connection.OpenAsync(cancellationToken);
            var timeout = connection.CreateCommand();
            await using (timeout)
            {
                timeout.CommandText = "PRAGMA busy_timeout = 5000;";
                await timeout.ExecuteNonQueryAsync(cancellationToken);
            }

            var journal = connection.CreateCommand();
            await using (journal)
            {
                journal.CommandText = "PRAGMA journal_mode = WAL;";
                return Convert.ToString(await journal.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }
    }
}
