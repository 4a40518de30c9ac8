using FlowForge.Emulators.Infrastructure.Requests;

namespace FlowForge.Emulators.Jenkins;

/// <summary>What the emulator received (not <c>/_emulator</c>), in the order the answers started, bounded to the newest requests.</summary>
public sealed class JenkinsRequestLog : RequestLog<JenkinsRecordedRequest>
{
    internal JenkinsRequestLog(int capacity)
        : base(capacity)
    {
    }
}

/// <param name="At">When the request arrived (emulator clock).</param>
/// <param name="PathAndQuery">As sent, including the context path.</param>
/// <param name="User">Who the Basic credentials authenticated; null for anonymous or refused ones.</param>
/// <param name="Costly">
/// The controller did the work: the request reached a handler and was answered below 400. Jenkins has no rate limit and no
/// conditional requests, so this is what polling costs it.
/// </param>
public sealed record JenkinsRecordedRequest(
    DateTimeOffset At,
    string Method,
    string PathAndQuery,
    int StatusCode,
    bool HadAuthorization,
    string? User,
    bool Costly)
{
    /// <summary>The injected fault the request took, by kind (<c>too_many_requests</c>, …).</summary>
    public string? Fault { get; init; }

    /// <summary>A crumb header came with it.</summary>
    public bool HadCrumb { get; init; }
}
