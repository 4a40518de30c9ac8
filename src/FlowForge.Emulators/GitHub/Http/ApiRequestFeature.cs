using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.GitHub.Http;

/// <summary>What the API pipeline learned about a request, shared by the middlewares and the response writer.</summary>
internal sealed class ApiRequestFeature
{
    public required string RequestId { get; init; }

    public required string ApiVersion { get; init; }

    /// <summary>The token's user; null when the request had no valid token.</summary>
    public EmulatedAccount? User { get; set; }

    public string BucketKey => User?.Login ?? State.RateLimiter.Anonymous;

    public EmulatedFault? Fault { get; set; }

    /// <summary>The response must not consume budget (rate-limit status, injected errors, an exhausted budget).</summary>
    public bool Free { get; set; }

    /// <summary>Headers must show an exhausted budget (an injected primary rate limit).</summary>
    public bool ShowExhausted { get; set; }

    /// <summary><c>primary</c> or <c>secondary</c> when the emulator's own rate limits refused the request.</summary>
    public string? RateLimited { get; set; }

    /// <summary>Set once the response started: whether it consumed budget.</summary>
    public bool Charged { get; set; }
}

internal static class ApiRequestFeatureExtensions
{
    public static ApiRequestFeature? ApiRequest(this HttpContext context) => context.Features.Get<ApiRequestFeature>();
}
