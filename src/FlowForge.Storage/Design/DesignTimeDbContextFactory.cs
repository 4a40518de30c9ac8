using FlowForge.Storage.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FlowForge.Storage.Design;

/// <summary>
/// How <c>dotnet ef</c> builds the context to add migrations (see README.md beside this project). Adding a
/// migration opens no database; commands that do (<c>database update</c>) get a scratch file in the temp
/// folder, never the repository or a real data directory.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<FlowForgeDbContext>
{
    public FlowForgeDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<FlowForgeDbContext>();
        var scratch = StorageDatabase.ForFile(Path.Combine(Path.GetTempPath(), "flowforge-design.db"));
        StorageDatabase.Configure(options, scratch.ConnectionString, new SqliteConnectionInterceptor());
        return new FlowForgeDbContext(options.Options);
    }
}
