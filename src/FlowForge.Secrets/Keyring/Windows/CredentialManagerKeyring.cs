using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using FlowForge.Core.Secrets;

namespace FlowForge.Secrets.Keyring.Windows;

/// <summary>
/// The Windows keyring: one generic credential per secret in Credential Manager, target <c>FlowForge/KEY</c>, user
/// <c>flowforge</c>, persisted for this user on this machine. The blob is the secret's UTF-8 bytes.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed class CredentialManagerKeyring : IKeyringBackend
{
    private const string UserName = "flowforge";

    public string Name => "Windows Credential Manager";

    public Task<SecretStoreStatus> CheckAsync(CancellationToken cancellationToken)
    {
        // Reading a credential that does not exist answers "not found" when there is a store, and
        // "no such logon session" when there is none (a service without a profile).
        if (CredentialNative.CredRead(KeyringEntry.CredentialTargetPrefix + "probe", CredentialNative.GenericType, 0, out var found))
        {
            CredentialNative.CredFree(found);
            return Task.FromResult(SecretStoreStatus.Ready("Windows Credential Manager answers"));
        }

        var error = Marshal.GetLastPInvokeError();
        return Task.FromResult(CredentialManagerErrors.Classify(error) == CredentialManagerErrors.Meaning.NotFound
            ? SecretStoreStatus.Ready("Windows Credential Manager answers")
            : SecretStoreStatus.Unavailable($"Windows Credential Manager cannot be used here (error {error})"));
    }

    public Task<byte[]?> ReadAsync(KeyringEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!CredentialNative.CredRead(entry.CredentialTarget, CredentialNative.GenericType, 0, out var pointer))
        {
            var error = Marshal.GetLastPInvokeError();
            return CredentialManagerErrors.Classify(error) == CredentialManagerErrors.Meaning.NotFound
                ? Task.FromResult<byte[]?>(null)
                : throw CredentialManagerErrors.ToException("read", error);
        }

        try
        {
            var credential = Marshal.PtrToStructure<CredentialNative.Credential>(pointer);
            var secret = new byte[credential.CredentialBlobSize];
            Marshal.Copy(credential.CredentialBlob, secret, 0, secret.Length);
            return Task.FromResult<byte[]?>(secret);
        }
        finally
        {
            CredentialNative.CredFree(pointer);
        }
    }

    public Task WriteAsync(KeyringEntry entry, ReadOnlyMemory<byte> secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        CredentialBlob.CheckSize(secret.Length);
        var target = Marshal.StringToHGlobalUni(entry.CredentialTarget);
        var comment = Marshal.StringToHGlobalUni(entry.Label);
        var user = Marshal.StringToHGlobalUni(UserName);
        var blob = Marshal.AllocHGlobal(Math.Max(secret.Length, 1));
        try
        {
            unsafe
            {
                secret.Span.CopyTo(new Span<byte>((void*)blob, secret.Length));
            }

            var credential = CredentialBlob.Describe(target, comment, user, blob, secret.Length);
            return CredentialNative.CredWrite(in credential, 0)
                ? Task.CompletedTask
                : throw CredentialManagerErrors.ToException("write", Marshal.GetLastPInvokeError());
        }
        finally
        {
            unsafe
            {
                CryptographicOperations.ZeroMemory(new Span<byte>((void*)blob, secret.Length));
            }

            Marshal.FreeHGlobal(blob);
            Marshal.FreeHGlobal(user);
            Marshal.FreeHGlobal(comment);
            Marshal.FreeHGlobal(target);
        }
    }

    public Task DeleteAsync(KeyringEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (CredentialNative.CredDelete(entry.CredentialTarget, CredentialNative.GenericType, 0))
        {
            return Task.CompletedTask;
        }

        var error = Marshal.GetLastPInvokeError();
        return CredentialManagerErrors.Classify(error) == CredentialManagerErrors.Meaning.NotFound
            ? Task.CompletedTask
            : throw CredentialManagerErrors.ToException("delete", error);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
