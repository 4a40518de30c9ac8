using FlowForge.Emulators.GitLab.State;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.GitLab.Middleware;

/// <summary>What the gate learned about an API request, for the handlers, the response writer and the request log.</summary>
internal sealed class GitLabRequestFeature
{
    /// <summary>The token's user; null without a valid token.</summary>
    public GitLabUser? User { get; set; }

    /// <summary>Whose throttle the request counts against: the username, or <c>ip:…</c>.</summary>
    public required string ThrottleKey { get; init; }

    public GitLabFault? Fault { get; set; }

    /// <summary>The throttle after this request counted; null when it did not count.</summary>
    public ThrottleState? Counted { get; set; }

    public bool Throttled { get; set; }
}

internal static class GitLabRequestFeatureExtensions
{
    public static GitLabRequestFeature? GitLabRequest(this HttpContext context) => context.Features.Get<GitLabRequestFeature>();
}
