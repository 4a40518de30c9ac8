using FlowForge.Core.Persistence;
using FlowForge.Storage.Hosting;
using FlowForge.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace FlowForge.Storage.Tests.Infrastructure;

/// <summary>
/// The store as the server wires it (AddFlowForgeStorage) over a real SQLite file in a temp directory,
/// with every SaveChanges result and log line recorded.
/// </summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly TempDirectory? _ownedDirectory;

    private TestStore(string databasePath, TempDirectory? ownedDirectory)
    {
        _ownedDirectory = ownedDirectory;
        DatabasePath = databasePath;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug));
        services.AddFakeLogging();
        services.AddSingleton(Saves);
        services.AddSingleton<IInterceptor>(Saves);
        services.AddFlowForgeStorage(databasePath);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public string DatabasePath { get; }

    public ServiceProvider Services { get; }

    public SaveCounter Saves { get; } = new();

    public IInstanceRepository Instances => Services.GetRequiredService<IInstanceRepository>();

    public ISyncStore Sync => Services.GetRequiredService<ISyncStore>();

    public IPipelineReader Reader => Services.GetRequiredService<IPipelineReader>();

    public StoreVersion Version => Services.GetRequiredService<StoreVersion>();

    public FakeLogCollector Logs => Services.GetRequiredService<FakeLogCollector>();

    /// <summary>A migrated store in its own temp directory, deleted on dispose.</summary>
    public static async Task<TestStore> CreateAsync()
    {
        var directory = new TempDirectory();
        var store = new TestStore(directory.File("flowforge.db"), directory);
        await FlowForgeDatabase.MigrateAsync(store.Services, TestContext.Current.CancellationToken);
        return store;
    }

    /// <summary>A store over <paramref name="databasePath"/>, not migrated; the caller owns the file.</summary>
    public static TestStore Open(string databasePath) => new(databasePath, null);

    public FlowForgeDbContext CreateContext() =>
        Services.GetRequiredService<IDbContextFactory<FlowForgeDbContext>>().CreateDbContext();

    /// <summary>A plain connection to the file, outside EF Core, for raw SQL.</summary>
    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";
        command.ExecuteNonQuery();
        return connection;
    }

    public long Scalar(string sql)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Execute(string sql)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        var connectionString = Services.GetRequiredService<StorageDatabase>().ConnectionString;
        await Services.DisposeAsync();

        // Pooled connections keep the file open; close them so the directory can go.
        using (var pooled = new SqliteConnection(connectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        _ownedDirectory?.Dispose();
    }
}
