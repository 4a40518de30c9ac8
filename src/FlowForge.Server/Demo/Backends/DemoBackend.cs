namespace FlowForge.Server.Demo.Backends;

/// <summary>
/// The provider instance that watches one demo emulator: the same shape an admin would add through the API, setting
/// keys included (they are the providers' public configuration, as documented in each descriptor).
/// </summary>
internal sealed record DemoInstance(string Id, string Kind, string DisplayName, IReadOnlyDictionary<string, string?> Settings);

/// <summary>What every demo backend is started with.</summary>
internal sealed record DemoSetup(TimeProvider Time, int ExtraPipelines);

/// <summary>
/// One provider's emulator in the demo: started in-process, seeded, kept busy by its scenario, watched by one instance
/// and, where the provider can push, subscribed to the server's webhook endpoint.
/// </summary>
internal interface IDemoBackend : IAsyncDisposable
{
    DemoInstance Instance { get; }

    /// <summary>Where the emulator listens (for the start-up log).</summary>
    Uri BaseUrl { get; }

    /// <summary>Plays the demo's activity until cancelled.</summary>
    Task RunAsync(TimeProvider time, CancellationToken cancellationToken);

    /// <summary>Has the emulator push its events to <paramref name="hookUrl"/>; a provider without webhooks does nothing.</summary>
    void SubscribeWebhooks(Uri hookUrl);
}
