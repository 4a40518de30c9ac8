namespace FlowForge.Secrets.Keyring.Windows;

/// <summary>The platform-independent parts of writing a credential, tested everywhere.</summary>
internal static class CredentialBlob
{
    public static void CheckSize(int bytes)
    {
        if (bytes > CredentialNative.MaxBlobBytes)
        {
            throw new ArgumentException(
                $"Windows Credential Manager holds at most {CredentialNative.MaxBlobBytes} bytes per secret; this one has {bytes}.", nameof(bytes));
        }
    }

    /// <summary>The CREDENTIALW for a generic, per-user, machine-local credential over already allocated strings and blob.</summary>
    public static CredentialNative.Credential Describe(nint target, nint comment, nint userName, nint blob, int blobSize) => new()
    {
        Type = CredentialNative.GenericType,
        TargetName = target,
        Comment = comment,
        CredentialBlobSize = (uint)blobSize,
        CredentialBlob = blob,
        Persist = CredentialNative.PersistLocalMachine,
        UserName = userName,
    };
}
