using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace FlowForge.Secrets.Keyring.Windows;

/// <summary>Credential Manager's C API (wincred.h, advapi32) as FlowForge uses it: generic credentials only.</summary>
internal static partial class CredentialNative
{
    public const uint GenericType = 1;

    /// <summary>CRED_PERSIST_LOCAL_MACHINE: kept across logons for this user on this machine, never roamed to others.</summary>
    public const uint PersistLocalMachine = 2;

    /// <summary>CRED_MAX_CREDENTIAL_BLOB_SIZE: 5 × 512 bytes.</summary>
    public const int MaxBlobBytes = 5 * 512;

    public const int ErrorNotFound = 1168;
    public const int ErrorNoSuchLogonSession = 1312;
    public const int ErrorInvalidParameter = 87;
    public const int ErrorBadUserName = 2202;
    public const int ErrorAccessDenied = 5;

    /// <summary>CREDENTIALW, field for field; pointers stay raw so the struct is blittable.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Credential
    {
        public uint Flags;
        public uint Type;
        public nint TargetName;
        public nint Comment;
        public uint LastWrittenLow;
        public uint LastWrittenHigh;
        public uint CredentialBlobSize;
        public nint CredentialBlob;
        public uint Persist;
        public uint AttributeCount;
        public nint Attributes;
        public nint TargetAlias;
        public nint UserName;
    }

    [SupportedOSPlatform("windows")]
    [LibraryImport("advapi32.dll", EntryPoint = "CredWriteW", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool CredWrite(in Credential credential, uint flags);

    [SupportedOSPlatform("windows")]
    [LibraryImport("advapi32.dll", EntryPoint = "CredReadW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool CredRead(string targetName, uint type, uint flags, out nint credential);

    [SupportedOSPlatform("windows")]
    [LibraryImport("advapi32.dll", EntryPoint = "CredDeleteW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool CredDelete(string targetName, uint type, uint flags);

    [SupportedOSPlatform("windows")]
    [LibraryImport("advapi32.dll", EntryPoint = "CredFree")]
    public static partial void CredFree(nint buffer);
}
