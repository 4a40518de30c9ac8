namespace FlowForge.Emulators.Infrastructure.Hosting;

/// <summary>
/// What every emulator's runtime has: its clock and the signal that it is shutting down. Registered in the emulator's
/// services under this type too, so shared middleware and responses find it without knowing the provider.
/// </summary>
internal abstract class EmulatorRuntimeCore : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    protected EmulatorRuntimeCore(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Time = time;
    }

    public TimeProvider Time { get; }

    /// <summary>Cancelled when the emulator shuts down, so held-back bodies and webhook sends do not delay it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Signals shutdown; a runtime with background work (webhook queues) stops it here too.</summary>
    public virtual Task StopAsync() => _stopping.CancelAsync();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopping.Dispose();
        }
    }
}
