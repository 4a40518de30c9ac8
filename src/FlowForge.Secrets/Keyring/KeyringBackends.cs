using FlowForge.Core.Secrets;
using FlowForge.Secrets.Keyring.MacOS;
using FlowForge.Secrets.Keyring.SecretService;
using FlowForge.Secrets.Keyring.Windows;

namespace FlowForge.Secrets.Keyring;

/// <summary>Which keyring this OS has: all three are compiled everywhere, and only the one for the running OS is used.</summary>
public static class KeyringBackends
{
    public static IKeyringBackend ForCurrentPlatform(string? sessionBusAddress, SecretServiceSettings settings)
    {
        if (OperatingSystem.IsWindows())
        {
            return new CredentialManagerKeyring();
        }

        if (OperatingSystem.IsMacOS())
        {
            return new KeychainKeyring();
        }

        return OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD()
            ? new SecretServiceKeyring(sessionBusAddress, settings)
            : new NoKeyring();
    }

    /// <summary>An OS FlowForge knows no keyring for.</summary>
    private sealed class NoKeyring : IKeyringBackend
    {
        private const string Reason = "FlowForge knows no keyring on this operating system";

        public string Name => "no keyring";

        public Task<SecretStoreStatus> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(SecretStoreStatus.Unavailable(Reason));

        public Task<byte[]?> ReadAsync(KeyringEntry entry, CancellationToken cancellationToken) => throw new SecretStoreUnavailableException(Reason);

        public Task WriteAsync(KeyringEntry entry, ReadOnlyMemory<byte> secret, CancellationToken cancellationToken) => throw new SecretStoreUnavailableException(Reason);

        public Task DeleteAsync(KeyringEntry entry, CancellationToken cancellationToken) => throw new SecretStoreUnavailableException(Reason);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
