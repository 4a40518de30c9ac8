using System.Net.Http.Headers;
using FlowForge.Abstractions.Providers;

namespace FlowForge.Abstractions.Http;

/// <summary>How a provider writes the reset of its rate-limit window.</summary>
public enum RateLimitReset
{
    /// <summary>A unix time in seconds (GitHub <c>x-ratelimit-reset</c>, GitLab <c>RateLimit-Reset</c>).</summary>
    UnixSeconds,

    /// <summary>Seconds from now (Buildkite <c>RateLimit-Reset</c>).</summary>
    SecondsFromNow,
}

/// <summary>The names a provider gives its rate-limit headers.</summary>
public sealed record RateLimitHeaderNames(string Limit, string Remaining, string Reset, RateLimitReset ResetFormat, string? Resource = null)
{
    public static RateLimitHeaderNames GitHub { get; } = new("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", RateLimitReset.UnixSeconds, "x-ratelimit-resource");

    /// <summary>The IETF draft names GitLab and Buildkite use; they differ in how they write the reset.</summary>
    public static RateLimitHeaderNames Draft(RateLimitReset resetFormat) => new("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", resetFormat);
}

public static class RateLimitHeaders
{
    /// <summary>The budget a response reports, or null when it reports none.</summary>
    public static RateLimitSnapshot? Read(HttpResponseHeaders headers, RateLimitHeaderNames names, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(names);
        if (ResponseHeaders.ReadLong(headers, names.Limit) is not { } limit || ResponseHeaders.ReadLong(headers, names.Remaining) is not { } remaining)
        {
            return null;
        }

        var reset = ResponseHeaders.ReadLong(headers, names.Reset) is { } value
            ? names.ResetFormat == RateLimitReset.UnixSeconds ? ResponseHeaders.FromUnixSeconds(value) : now.AddSeconds(Math.Clamp(value, 0, 86_400))
            : null;
        var resource = names.Resource is null ? null : ResponseHeaders.ReadText(headers, names.Resource);
        return new RateLimitSnapshot(Clamp(limit), Clamp(remaining), reset, resource, now);
    }

    private static int Clamp(long value) => (int)Math.Clamp(value, 0, int.MaxValue);
}
