using System.Security.Cryptography;
using System.Text;
using FlowForge.Abstractions.Secrets;
using FlowForge.Core.Secrets;

namespace FlowForge.Secrets.Keyring;

/// <summary>
/// The OS keyring, as the <c>keyring</c> scheme: the Secret Service on Linux, the Keychain on macOS, Credential
/// Manager on Windows (<see cref="KeyringBackends.ForCurrentPlatform"/>). Each secret is its own keyring item.
/// </summary>
public sealed class KeyringSecretStore(IKeyringBackend backend) : ISecretStore, IAsyncDisposable
{
    public string Scheme => SecretStoreChain.Keyring;

    public bool IsWritable => true;

    public IKeyringBackend Backend { get; } = backend;

    public Task<SecretStoreStatus> CheckAsync(CancellationToken cancellationToken) => Backend.CheckAsync(cancellationToken);

    public async Task<SecretValue?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var bytes = await Backend.ReadAsync(new KeyringEntry(key), cancellationToken);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return bytes.Length == 0 ? null : new SecretValue(Encoding.UTF8.GetString(bytes));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public async Task WriteAsync(string key, SecretValue value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = Encoding.UTF8.GetBytes(value.Reveal());
        try
        {
            await Backend.WriteAsync(new KeyringEntry(key), bytes, cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => Backend.DeleteAsync(new KeyringEntry(key), cancellationToken);

    public ValueTask DisposeAsync() => Backend.DisposeAsync();
}
