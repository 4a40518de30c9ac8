namespace FlowForge.Emulators.Buildkite;

public sealed class BuildkiteEmulatorOptions
{
    /// <summary>The clock for timestamps, rate-limit windows, webhook signatures and slow bodies.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Token → its user (and scopes). Default: <see cref="BuildkiteEmulator.DefaultToken"/> for "Ada Lovelace", every scope.</summary>
    public IReadOnlyDictionary<string, BuildkiteToken> Tokens { get; init; } = new Dictionary<string, BuildkiteToken>(StringComparer.Ordinal)
    {
        [BuildkiteEmulator.DefaultToken] = new("Ada Lovelace", "ada@example.com"),
    };

    /// <summary>Requests per minute of an organization, all users together (Buildkite's default: 200).</summary>
    public int OrganizationRateLimitPerMinute { get; init; } = 200;

    /// <summary>Requests per minute of one user (Buildkite's default: 50).</summary>
    public int UserRateLimitPerMinute { get; init; } = 50;

    /// <summary>
    /// Whether successful GETs carry a weak <c>ETag</c> and a matching <c>If-None-Match</c> gets a bodiless 304, as a
    /// Rails application answers by default. Buildkite documents neither, so a 304 still counts against the rate limits.
    /// </summary>
    public bool ETags { get; init; } = true;

    /// <summary>The most recent requests the request log keeps; the webhook log keeps as many deliveries.</summary>
    public int RequestLogCapacity { get; init; } = 100_000;

    /// <summary>How long a webhook delivery may take before it is recorded as failed (real time).</summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where <c>web_url</c> values point; null uses the emulator's own root.</summary>
    public Uri? WebBaseUrl { get; init; }
}
