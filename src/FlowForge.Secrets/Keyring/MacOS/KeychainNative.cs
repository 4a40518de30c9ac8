using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace FlowForge.Secrets.Keyring.MacOS;

/// <summary>
/// The Keychain's generic-password C API (SecKeychain*GenericPassword, Security.framework). It is deprecated in favour
/// of SecItem*, but takes plain byte buffers instead of CoreFoundation dictionaries and still works on every macOS.
/// </summary>
internal static partial class KeychainNative
{
    private const string Security = "/System/Library/Frameworks/Security.framework/Security";
    private const string CoreFoundation = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation";

    [SupportedOSPlatform("macos")]
    [LibraryImport(Security)]
    public static partial int SecKeychainFindGenericPassword(
        nint keychainOrArray, uint serviceNameLength, byte[] serviceName, uint accountNameLength, byte[] accountName,
        out uint passwordLength, out nint passwordData, out nint itemRef);

    [SupportedOSPlatform("macos")]
    [LibraryImport(Security)]
    public static partial int SecKeychainAddGenericPassword(
        nint keychain, uint serviceNameLength, byte[] serviceName, uint accountNameLength, byte[] accountName,
        uint passwordLength, nint passwordData, out nint itemRef);

    [SupportedOSPlatform("macos")]
    [LibraryImport(Security)]
    public static partial int SecKeychainItemModifyAttributesAndData(nint itemRef, nint attributeList, uint length, nint data);

    [SupportedOSPlatform("macos")]
    [LibraryImport(Security)]
    public static partial int SecKeychainItemDelete(nint itemRef);

    [SupportedOSPlatform("macos")]
    [LibraryImport(Security)]
    public static partial int SecKeychainItemFreeContent(nint attributeList, nint data);

    [SupportedOSPlatform("macos")]
    [LibraryImport(CoreFoundation)]
    public static partial void CFRelease(nint reference);
}
