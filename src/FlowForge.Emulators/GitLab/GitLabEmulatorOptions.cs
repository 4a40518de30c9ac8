namespace FlowForge.Emulators.GitLab;

public sealed class GitLabEmulatorOptions
{
    /// <summary>The clock for timestamps, throttle windows and slow bodies.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Token → username. Default: <c>emulator-token</c> for <c>root</c>.</summary>
    public IReadOnlyDictionary<string, string> Tokens { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { [GitLabEmulator.DefaultToken] = "root" };

    /// <summary>The scopes <c>GET /personal_access_tokens/self</c> reports for every token.</summary>
    public IReadOnlyList<string> TokenScopes { get; init; } = ["api", "read_api"];

    /// <summary>Requests per user and minute before 429 (gitlab.com's authenticated API throttle is 2,000).</summary>
    public int RateLimitPerMinute { get; init; } = 2000;

    /// <summary>Requests per client address and minute without a token (gitlab.com: 500).</summary>
    public int UnauthenticatedRateLimitPerMinute { get; init; } = 500;

    /// <summary>How long a webhook delivery may take before it is recorded as failed; real time, not <see cref="TimeProvider"/>.</summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The most recent requests (and webhook deliveries) kept, so long benchmarks stay bounded.</summary>
    public int RequestLogCapacity { get; init; } = 100_000;
}
