using System.Globalization;
using System.Net.Http.Headers;

namespace FlowForge.Abstractions.Http;

/// <summary>Reading the headers every provider's API answers with, the same way everywhere.</summary>
public static class ResponseHeaders
{
    /// <summary>An integer header, or null when absent or unreadable.</summary>
    public static long? ReadLong(HttpResponseHeaders headers, string name)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.TryGetValues(name, out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : null;
    }

    public static string? ReadText(HttpResponseHeaders headers, string name)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
    }

    /// <summary>When <c>Retry-After</c> (seconds or an HTTP date) says to try again; null without one.</summary>
    public static DateTimeOffset? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.RetryAfter switch
        {
            { Delta: { } delta } => now + delta,
            { Date: { } date } => date,
            _ => null,
        };
    }

    /// <summary>A unix time in seconds, or null when it is not a plausible one.</summary>
    public static DateTimeOffset? FromUnixSeconds(long seconds) =>
        seconds is >= 0 and <= 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>The later of two optional times.</summary>
    public static DateTimeOffset? Later(DateTimeOffset? first, DateTimeOffset? second) =>
        first is { } a && second is { } b ? (a > b ? a : b) : first ?? second;
}
