using FlowForge.Core.Secrets;
using Microsoft.Extensions.Hosting;

namespace FlowForge.Secrets;

/// <summary>
/// Chooses the default secret store when the host starts, before anything syncs: a missing store, a wrong vault
/// password or a damaged vault stops start-up with what to do, instead of failing later at the first sync.
/// </summary>
internal sealed class SecretStoreStartup(SecretResolver resolver) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => resolver.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
