namespace FlowForge.Abstractions.Providers;

public enum ProviderErrorKind
{
    /// <summary>The credentials were refused (401), or are missing.</summary>
    AuthenticationFailed,
    /// <summary>The credentials are valid but lack a permission (403 without a rate-limit signal).</summary>
    PermissionDenied,
    NotFound,
    /// <summary>A primary or secondary rate limit was hit; see <see cref="ProviderException.RetryAt"/>.</summary>
    RateLimited,
    /// <summary>The provider cannot do this at all, or not in the run's current state.</summary>
    NotSupported,
    /// <summary>5xx, connection refused, timeout: try again later.</summary>
    Unavailable,
    /// <summary>The provider answered something FlowForge cannot read (malformed JSON, missing fields).</summary>
    BadResponse,
    /// <summary>The instance's configuration is unusable (bad base URL, missing secret).</summary>
    Misconfigured,
}
