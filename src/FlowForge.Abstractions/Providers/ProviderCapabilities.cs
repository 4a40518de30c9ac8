namespace FlowForge.Abstractions.Providers;

/// <summary>
/// What a provider can do. Declared as data so the API and UI show only what exists; each flag corresponds
/// to a capability interface the provider's connection implements.
/// </summary>
[Flags]
public enum ProviderCapabilities
{
    None = 0,
    /// <summary><see cref="ISourceDiscovery"/>: list what the token can see.</summary>
    Discovery = 1 << 0,
    /// <summary><see cref="IPipelineSource"/>.</summary>
    Pipelines = 1 << 1,
    /// <summary><see cref="IRunSource"/>: recent runs and run detail with jobs and steps.</summary>
    Runs = 1 << 2,
    /// <summary><see cref="IJobLogSource"/>.</summary>
    Logs = 1 << 3,
    /// <summary>Polling uses conditional requests (ETag / If-None-Match), so unchanged data costs nothing.</summary>
    ConditionalRequests = 1 << 4,
    /// <summary><see cref="ICredentialValidator"/>.</summary>
    CredentialValidation = 1 << 5,
    Parameters = 1 << 6,
    Trigger = 1 << 7,
    Rerun = 1 << 8,
    Cancel = 1 << 9,
    Webhooks = 1 << 10,

    /// <summary>Jobs waiting for a person (manual jobs, block steps) can be let go on: <see cref="IJobUnblocker"/>.</summary>
    Unblock = 1 << 11,
}
