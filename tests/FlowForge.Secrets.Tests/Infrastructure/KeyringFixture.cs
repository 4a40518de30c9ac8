using System.Runtime.Versioning;

namespace FlowForge.Secrets.Tests.Infrastructure;

/// <summary>One private bus and keyring for a test class.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class KeyringFixture : IAsyncLifetime
{
    private PrivateKeyring? _keyring;

    public PrivateKeyring Keyring => _keyring ?? throw new InvalidOperationException("The keyring has not started.");

    public async ValueTask InitializeAsync() => _keyring = await PrivateKeyring.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_keyring is not null)
        {
            await _keyring.DisposeAsync();
        }
    }
}
