namespace FlowForge.Secrets.Keyring;

/// <summary>
/// One OS keyring. Secrets cross this boundary as UTF-8 bytes, which the callers zero after use. Every method throws
/// <see cref="Core.Secrets.SecretStoreUnavailableException"/> when the keyring cannot be reached or stays locked.
/// </summary>
public interface IKeyringBackend : IAsyncDisposable
{
    /// <summary>For the start-up log: "the Secret Service on the session bus", "the macOS Keychain".</summary>
    string Name { get; }

    /// <summary>Whether the keyring answers, in words; never throws for an absent keyring.</summary>
    Task<Core.Secrets.SecretStoreStatus> CheckAsync(CancellationToken cancellationToken);

    Task<byte[]?> ReadAsync(KeyringEntry entry, CancellationToken cancellationToken);

    Task WriteAsync(KeyringEntry entry, ReadOnlyMemory<byte> secret, CancellationToken cancellationToken);

    Task DeleteAsync(KeyringEntry entry, CancellationToken cancellationToken);
}
