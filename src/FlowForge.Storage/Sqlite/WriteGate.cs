namespace FlowForge.Storage.Sqlite;

/// <summary>
/// One writer at a time. SQLite has a single write lock per database; queuing every write of the process
/// here means the sync and the API never race for it (no busy waits, no "database is locked"), while
/// readers carry on in parallel thanks to WAL.
/// </summary>
internal sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<T> RunAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RunAsync(Func<Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await RunAsync(
            async () =>
            {
                await write();
                return true;
            },
            cancellationToken);
    }

    public void Dispose() => _gate.Dispose();
}
