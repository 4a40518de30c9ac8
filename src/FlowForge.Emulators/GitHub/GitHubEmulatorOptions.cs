namespace FlowForge.Emulators.GitHub;

public sealed class GitHubEmulatorOptions
{
    /// <summary>The clock for timestamps, rate-limit windows, log-link expiry and slow bodies.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Empty for github.com; <c>/api/v3</c> emulates GitHub Enterprise Server.</summary>
    public string PathBase { get; init; } = "";

    /// <summary>
    /// The primary budget of each user per hour window (a window starts with its first request and ends on the
    /// whole second <c>x-ratelimit-reset</c> announces, on <see cref="TimeProvider"/>).
    /// </summary>
    public int RateLimitPerHour { get; init; } = 5000;

    /// <summary>
    /// GitHub's secondary rate limit: more than this many API requests of one user within a rolling minute (any
    /// request, 304s and <c>/rate_limit</c> included) get 403 "You have exceeded a secondary rate limit" with
    /// <c>retry-after</c>, and so does every request of that user for the following 60 seconds. Null (the default) turns it off.
    /// </summary>
    public int? SecondaryRateLimitPerMinute { get; init; }

    /// <summary>How long a webhook delivery may take (connect, send, response headers) before it is recorded as failed; real time, not <see cref="TimeProvider"/>.</summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Token → user login. Default: <c>emulator-token</c> for <c>octocat</c>.</summary>
    public IReadOnlyDictionary<string, string> Tokens { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { [GitHubEmulator.DefaultToken] = "octocat" };

    /// <summary>
    /// The most recent requests the request log keeps (older ones are dropped), so long benchmarks stay bounded; the
    /// webhook delivery log keeps as many deliveries.
    /// </summary>
    public int RequestLogCapacity { get; init; } = 100_000;

    /// <summary>
    /// Whether a dispatch asking for <c>return_run_details</c> gets 200 with the new run's ids (as on github.com today);
    /// false answers 204 regardless, like a GitHub Enterprise Server that predates the parameter, so clients must find
    /// the run themselves.
    /// </summary>
    public bool ReturnRunDetails { get; init; } = true;

    /// <summary>Where <c>html_url</c> values point; null uses the emulator's own root (like GHES, where the web UI and API share a host).</summary>
    public Uri? HtmlBaseUrl { get; init; }
}
