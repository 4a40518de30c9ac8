using FlowForge.Core.Secrets;

namespace FlowForge.Secrets.Keyring.Windows;

/// <summary>What a Credential Manager error code means for FlowForge; pure, so it is tested on every platform.</summary>
internal static class CredentialManagerErrors
{
    public enum Meaning
    {
        NotFound,
        Unavailable,
        Failed,
    }

    public static Meaning Classify(int error) => error switch
    {
        CredentialNative.ErrorNotFound => Meaning.NotFound,
        CredentialNative.ErrorNoSuchLogonSession or CredentialNative.ErrorAccessDenied => Meaning.Unavailable,
        _ => Meaning.Failed,
    };

    /// <summary>The exception for a failed call; never for "not found", which is an answer, not a failure.</summary>
    public static Exception ToException(string operation, int error) => Classify(error) switch
    {
        Meaning.Unavailable => new SecretStoreUnavailableException(
            error == CredentialNative.ErrorNoSuchLogonSession
                ? "Windows Credential Manager has no store for this logon session (a service account without a loaded profile?)"
                : "Windows Credential Manager refused access"),
        _ => new InvalidOperationException($"Windows Credential Manager could not {operation} the credential (error {error})."),
    };
}
