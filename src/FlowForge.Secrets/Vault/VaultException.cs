namespace FlowForge.Secrets.Vault;

/// <summary>A vault (or an export's sealed secrets) that cannot be opened. The message says why; it never holds a secret.</summary>
public class VaultException : Exception
{
    public VaultException()
        : base("The vault cannot be opened.")
    {
    }

    public VaultException(string message)
        : base(message)
    {
    }

    public VaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The password does not open the vault (or the header that the password check covers was altered).</summary>
public sealed class VaultPasswordException : VaultException
{
    public VaultPasswordException()
    {
    }

    public VaultPasswordException(string message)
        : base(message)
    {
    }

    public VaultPasswordException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The data is truncated, altered or of an unknown format: it was not read.</summary>
public sealed class VaultDamagedException : VaultException
{
    public VaultDamagedException()
    {
    }

    public VaultDamagedException(string message)
        : base(message)
    {
    }

    public VaultDamagedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
