using FlowForge.Emulators.Infrastructure.Requests;

namespace FlowForge.Emulators.Buildkite;

/// <summary>What the emulator's API received (not <c>/_emulator</c>), in the order the answers started; bounded, oldest dropped first.</summary>
public sealed class BuildkiteRequestLog : RequestLog<BuildkiteRecordedRequest>
{
    internal BuildkiteRequestLog(int capacity)
        : base(capacity)
    {
    }
}

/// <param name="At">When the request arrived (emulator clock).</param>
/// <param name="PathAndQuery">As sent, <c>/v2</c> included.</param>
/// <param name="Costly">True exactly when the request counted against the rate limits (a 304 does: Buildkite counts requests).</param>
/// <param name="Fault">The injected fault it took: <c>too_many_requests</c>, <c>server_error</c>, …</param>
/// <param name="RateLimited">The scope that refused it (<c>rest</c>, <c>rest_user</c>) when the emulator's own limits did.</param>
public sealed record BuildkiteRecordedRequest(
    DateTimeOffset At,
    string Method,
    string PathAndQuery,
    int StatusCode,
    bool HadAuthorization,
    string? IfNoneMatch,
    bool Costly,
    string? Fault,
    string? RateLimited);
