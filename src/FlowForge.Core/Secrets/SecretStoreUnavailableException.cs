namespace FlowForge.Core.Secrets;

/// <summary>
/// A secret store cannot be reached from here (no Secret Service answers, the keyring stayed locked, no vault
/// password). The message says why and never carries a secret.
/// </summary>
public sealed class SecretStoreUnavailableException : Exception
{
    public SecretStoreUnavailableException()
        : base("The secret store is not available.")
    {
    }

    public SecretStoreUnavailableException(string message)
        : base(message)
    {
    }

    public SecretStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
