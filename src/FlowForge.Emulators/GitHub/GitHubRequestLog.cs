using FlowForge.Emulators.Infrastructure.Requests;

namespace FlowForge.Emulators.GitHub;

/// <summary>What the emulator received (API and log host, not <c>/_emulator</c>), in the order the answers started.</summary>
public sealed class GitHubRequestLog : RequestLog<RecordedRequest>
{
    internal GitHubRequestLog(int capacity)
        : base(capacity)
    {
    }
}

/// <param name="At">When the request arrived (emulator clock).</param>
/// <param name="Listener"><c>api</c> or <c>logs</c>.</param>
/// <param name="PathAndQuery">As sent, including the path base.</param>
/// <param name="ApiVersion">The <c>X-GitHub-Api-Version</c> request header.</param>
/// <param name="CostRateLimit">True exactly when the request consumed rate-limit budget.</param>
public sealed record RecordedRequest(
    DateTimeOffset At,
    string Listener,
    string Method,
    string PathAndQuery,
    int StatusCode,
    bool HadAuthorization,
    string? IfNoneMatch,
    string? ApiVersion,
    bool CostRateLimit)
{
    /// <summary>The injected fault the request took (see <see cref="GitHubFaults"/>), by kind: <c>too_many_requests</c>, <c>server_error</c>, …</summary>
    public string? Fault { get; init; }

    /// <summary>
    /// <c>primary</c> or <c>secondary</c> when the emulator's own rate limits refused the request
    /// (<see cref="GitHubEmulatorOptions.RateLimitPerHour"/>, <see cref="GitHubEmulatorOptions.SecondaryRateLimitPerMinute"/>).
    /// </summary>
    public string? RateLimited { get; init; }

    /// <summary>The <c>retry-after</c> the response carried, in seconds.</summary>
    public int? RetryAfterSeconds { get; init; }
}
