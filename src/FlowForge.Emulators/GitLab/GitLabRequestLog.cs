using FlowForge.Emulators.Infrastructure.Requests;

namespace FlowForge.Emulators.GitLab;

/// <summary>What the emulator's API received (not <c>/_emulator</c>), in the order the answers started, the newest kept.</summary>
public sealed class GitLabRequestLog : RequestLog<GitLabRequest>
{
    internal GitLabRequestLog(int capacity)
        : base(capacity)
    {
    }
}

/// <param name="At">When the request arrived (emulator clock).</param>
/// <param name="PathAndQuery">As sent, <c>/api/v4</c> included.</param>
/// <param name="HadToken">A <c>PRIVATE-TOKEN</c> or <c>Authorization</c> header came with it.</param>
/// <param name="CostRateLimit">It counted against the caller's throttle (every answered request does on GitLab).</param>
/// <param name="Fault">The injected fault it took, by kind (<c>throttled</c>, <c>server_error</c>, …).</param>
/// <param name="Throttled">The emulator's own throttle refused it (429).</param>
/// <param name="RetryAfterSeconds">The <c>Retry-After</c> its answer carried.</param>
public sealed record GitLabRequest(
    DateTimeOffset At,
    string Method,
    string PathAndQuery,
    int StatusCode,
    bool HadToken,
    bool CostRateLimit,
    string? Fault,
    bool Throttled,
    int? RetryAfterSeconds);
