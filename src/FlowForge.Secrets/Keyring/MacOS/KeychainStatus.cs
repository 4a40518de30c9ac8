using FlowForge.Core.Secrets;

namespace FlowForge.Secrets.Keyring.MacOS;

/// <summary>What a Security.framework OSStatus means for FlowForge; pure, so it is tested on every platform.</summary>
internal static class KeychainStatus
{
    public const int Success = 0;
    public const int ItemNotFound = -25300;
    public const int DuplicateItem = -25299;
    public const int NotAvailable = -25291;
    public const int AuthFailed = -25293;
    public const int NoSuchKeychain = -25294;
    public const int NoDefaultKeychain = -25307;
    public const int InteractionNotAllowed = -25308;
    public const int UserCanceled = -128;

    /// <summary>The exception for a failed call; never for "not found", which is an answer, not a failure.</summary>
    public static Exception ToException(string operation, int status) => status switch
    {
        NotAvailable or NoSuchKeychain or NoDefaultKeychain => new SecretStoreUnavailableException(
            $"there is no usable default keychain (OSStatus {status})"),
        InteractionNotAllowed => new SecretStoreUnavailableException(
            "the keychain is locked and cannot ask to be unlocked here (no login session with a user interface)"),
        AuthFailed or UserCanceled => new SecretStoreUnavailableException(
            $"the keychain was not unlocked (OSStatus {status})"),
        _ => new InvalidOperationException($"The macOS Keychain could not {operation} the item (OSStatus {status})."),
    };

    public static bool IsUnavailable(int status) => ToException("use", status) is SecretStoreUnavailableException;
}
