namespace FlowForge.Emulators.Infrastructure.Hosting;

/// <summary>
/// What every emulator's runtime has: its clock and the signal that it is shutting down. Registered in the emulator's
/// services under this type too, so shared middleware and responses find it without knowing the provider.
/// </summary>
internal abstract class EmulatorRuntimeCore : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private IBackgroundWork? _background;

    protected EmulatorRuntimeCore(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Time = time;
    }

    public TimeProvider Time { get; }

    /// <summary>Cancelled when the emulator shuts down, so held-back bodies and webhook sends do not delay it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Signals shutdown, then stops the background work (webhook queues) and waits for it.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        if (_background is not null)
        {
            await _background.StopAsync();
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _background?.Dispose();
            _stopping.Dispose();
        }
    }

    /// <summary>Makes <paramref name="work"/> stop and be disposed with the emulator.</summary>
    protected T Owns<T>(T work)
        where T : IBackgroundWork
    {
        _background = work;
        return work;
    }
}

/// <summary>Work an emulator does beside answering requests (webhook deliveries): stopped before the web host, disposed after.</summary>
internal interface IBackgroundWork : IDisposable
{
    Task StopAsync();
}
