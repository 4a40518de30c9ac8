using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FlowForge.Storage.Sqlite;

/// <summary>
/// Sets the per-connection SQLite settings on every connection EF Core opens: wait up to five seconds for
/// a lock instead of failing with "database is locked", enforce foreign keys (SQLite's default is off, and
/// the cascades from instances down to job logs depend on them), and sync to disk at WAL checkpoints
/// rather than on every commit (safe against corruption in WAL mode).
/// </summary>
internal sealed class SqliteConnectionInterceptor : DbConnectionInterceptor
{
    internal const string ConnectionPragmas = "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        await using (command)
        {
            command.CommandText = ConnectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
