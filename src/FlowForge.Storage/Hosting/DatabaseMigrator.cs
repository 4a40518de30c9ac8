using Microsoft.Extensions.Hosting;

namespace FlowForge.Storage.Hosting;

/// <summary>
/// Migrates the database when the host starts, before anything reads or writes it: in
/// <see cref="StartingAsync"/>, which the host runs ahead of every hosted service's <c>StartAsync</c> (the
/// sync scheduler's included) and so before the server accepts requests. <see cref="StartAsync"/> does the
/// same for hosts that only call it; the migration runs once either way.
/// </summary>
public sealed class DatabaseMigrator(IServiceProvider services) : IHostedLifecycleService
{
    private readonly Lock _lock = new();
    private Task<IReadOnlyList<string>>? _migration;

    /// <summary>The migrations the start-up applied (empty when the database was up to date).</summary>
    public Task<IReadOnlyList<string>> MigrateOnceAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_migration is null || _migration.IsFaulted || _migration.IsCanceled)
            {
                _migration = FlowForgeDatabase.MigrateAsync(services, cancellationToken);
            }

            return _migration;
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => MigrateOnceAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => MigrateOnceAsync(cancellationToken);

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
