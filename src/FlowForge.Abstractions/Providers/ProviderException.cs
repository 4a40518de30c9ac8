namespace FlowForge.Abstractions.Providers;

/// <summary>
/// The one exception a provider throws. Messages are written for users and never contain a credential:
/// providers build them from status codes and request paths, never from headers.
/// </summary>
public sealed class ProviderException : Exception
{
    public ProviderException(ProviderErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public ProviderException()
        : this(ProviderErrorKind.Unavailable, "The provider failed.")
    {
    }

    public ProviderException(string message)
        : this(ProviderErrorKind.Unavailable, message)
    {
    }

    public ProviderException(string message, Exception innerException)
        : this(ProviderErrorKind.Unavailable, message, innerException)
    {
    }

    public ProviderErrorKind Kind { get; }

    /// <summary>When a rate-limited or unavailable call may be tried again, if the provider said.</summary>
    public DateTimeOffset? RetryAt { get; init; }

    /// <summary>The upstream HTTP status code, if there was a response.</summary>
    public int? UpstreamStatusCode { get; init; }
}
