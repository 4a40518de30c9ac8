namespace FlowForge.Emulators.GitHub;

public sealed class GitHubEmulatorOptions
{
    /// <summary>The clock for timestamps, rate-limit windows, log-link expiry and slow bodies.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Empty for github.com; <c>/api/v3</c> emulates GitHub Enterprise Server.</summary>
    public string PathBase { get; init; } = "";

    public int RateLimitPerHour { get; init; } = 5000;

    /// <summary>Token → user login. Default: <c>emulator-token</c> for <c>octocat</c>.</summary>
    public IReadOnlyDictionary<string, string> Tokens { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { [GitHubEmulator.DefaultToken] = "octocat" };

    /// <summary>The most recent requests the request log keeps (older ones are dropped), so long benchmarks stay bounded.</summary>
    public int RequestLogCapacity { get; init; } = 100_000;

    /// <summary>Where <c>html_url</c> values point; null uses the emulator's own root (like GHES, where the web UI and API share a host).</summary>
    public Uri? HtmlBaseUrl { get; init; }
}
