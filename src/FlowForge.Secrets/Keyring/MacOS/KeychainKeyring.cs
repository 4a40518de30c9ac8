using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using FlowForge.Core.Secrets;

namespace FlowForge.Secrets.Keyring.MacOS;

/// <summary>
/// The macOS keyring: one generic password per secret in the user's default keychain, service <c>FlowForge</c>,
/// account = the secret's key (so <c>security find-generic-password -s FlowForge -a KEY -w</c> finds it).
/// </summary>
[SupportedOSPlatform("macos")]
public sealed class KeychainKeyring : IKeyringBackend
{
    private static readonly byte[] Service = Encoding.UTF8.GetBytes(KeyringEntry.KeychainService);

    public string Name => "the macOS Keychain";

    public Task<SecretStoreStatus> CheckAsync(CancellationToken cancellationToken)
    {
        var status = Find("flowforge-probe", out _, out _, out var item);
        Release(item);
        return Task.FromResult(status is KeychainStatus.Success or KeychainStatus.ItemNotFound || !KeychainStatus.IsUnavailable(status)
            ? SecretStoreStatus.Ready("the macOS Keychain answers")
            : SecretStoreStatus.Unavailable(KeychainStatus.ToException("probe", status).Message));
    }

    public Task<byte[]?> ReadAsync(KeyringEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var status = Find(entry.KeychainAccount, out var length, out var data, out var item);
        try
        {
            if (status == KeychainStatus.ItemNotFound)
            {
                return Task.FromResult<byte[]?>(null);
            }

            if (status != KeychainStatus.Success)
            {
                throw KeychainStatus.ToException("read", status);
            }

            var secret = new byte[length];
            Marshal.Copy(data, secret, 0, secret.Length);
            return Task.FromResult<byte[]?>(secret);
        }
        finally
        {
            if (data != 0)
            {
                _ = KeychainNative.SecKeychainItemFreeContent(0, data);
            }

            Release(item);
        }
    }

    public Task WriteAsync(KeyringEntry entry, ReadOnlyMemory<byte> secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var account = Encoding.UTF8.GetBytes(entry.KeychainAccount);
        var buffer = Marshal.AllocHGlobal(Math.Max(secret.Length, 1));
        try
        {
            unsafe
            {
                secret.Span.CopyTo(new Span<byte>((void*)buffer, secret.Length));
            }

            var status = Find(entry.KeychainAccount, out _, out var data, out var item);
            if (data != 0)
            {
                _ = KeychainNative.SecKeychainItemFreeContent(0, data);
            }

            try
            {
                status = status switch
                {
                    KeychainStatus.Success => KeychainNative.SecKeychainItemModifyAttributesAndData(item, 0, (uint)secret.Length, buffer),
                    KeychainStatus.ItemNotFound => Add(account, buffer, secret.Length),
                    _ => status,
                };
            }
            finally
            {
                Release(item);
            }

            return status == KeychainStatus.Success ? Task.CompletedTask : throw KeychainStatus.ToException("write", status);
        }
        finally
        {
            unsafe
            {
                CryptographicOperations.ZeroMemory(new Span<byte>((void*)buffer, secret.Length));
            }

            Marshal.FreeHGlobal(buffer);
        }
    }

    public Task DeleteAsync(KeyringEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var status = Find(entry.KeychainAccount, out _, out var data, out var item);
        if (data != 0)
        {
            _ = KeychainNative.SecKeychainItemFreeContent(0, data);
        }

        try
        {
            if (status == KeychainStatus.Success)
            {
                status = KeychainNative.SecKeychainItemDelete(item);
            }

            return status is KeychainStatus.Success or KeychainStatus.ItemNotFound ? Task.CompletedTask : throw KeychainStatus.ToException("delete", status);
        }
        finally
        {
            Release(item);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static int Find(string account, out uint length, out nint data, out nint item)
    {
        var accountBytes = Encoding.UTF8.GetBytes(account);
        return KeychainNative.SecKeychainFindGenericPassword(0, (uint)Service.Length, Service, (uint)accountBytes.Length, accountBytes, out length, out data, out item);
    }

    private static int Add(byte[] account, nint secret, int length)
    {
        var status = KeychainNative.SecKeychainAddGenericPassword(0, (uint)Service.Length, Service, (uint)account.Length, account, (uint)length, secret, out var item);
        Release(item);
        return status;
    }

    private static void Release(nint item)
    {
        if (item != 0)
        {
            KeychainNative.CFRelease(item);
        }
    }
}
