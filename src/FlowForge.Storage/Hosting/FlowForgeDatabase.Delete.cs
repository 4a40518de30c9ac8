using Microsoft.Data.Sqlite;

namespace FlowForge.Storage.Hosting;

public static partial class FlowForgeDatabase
{
    /// <summary>
    /// Deletes a database file with its WAL and shared-memory files, after closing the connections this process keeps
    /// pooled (a pooled connection would otherwise go on writing to the deleted file).
    /// </summary>
    public static void DeleteFiles(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        SqliteConnection.ClearAllPools();
        foreach (var file in ((string[])["", "-wal", "-shm"]).Select(suffix => databasePath + suffix).Where(File.Exists))
        {
            File.Delete(file);
        }
    }
}
