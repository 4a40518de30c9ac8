using Microsoft.Extensions.Hosting;

namespace FlowForge.Emulators.Infrastructure.Hosting;

/// <summary>
/// The emulator lives inside another process (a test run, the server's demo mode): it must not react to Ctrl+C or
/// SIGTERM itself, which the default console lifetime would, but stop only when disposed.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
