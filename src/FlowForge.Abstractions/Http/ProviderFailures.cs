using System.Globalization;
using System.Net;
using System.Text.Json;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;

namespace FlowForge.Abstractions.Http;

/// <summary>
/// Failures every HTTP provider meets, turned into <see cref="ProviderException"/>s with messages for users. Messages
/// name the provider, the method and the path — never a header, a query or a secret.
/// </summary>
public static class ProviderFailures
{
    private const int MaxUpstreamMessageLength = 300;

    /// <summary>
    /// Transport, timeout and parsing failures; null lets the exception through (it is already a
    /// <see cref="ProviderException"/>, or the caller cancelled).
    /// </summary>
    /// <param name="display">Method and path, like <c>GET /projects</c>.</param>
    public static ProviderException? Translate(Exception exception, string provider, string display, CancellationToken cancellationToken) => exception switch
    {
        ProviderException => null,
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        OperationCanceledException => new ProviderException(
            ProviderErrorKind.Unavailable, $"{provider} did not answer {display} in time (timed out).{MaybeCarriedOut(provider, display)}", exception),
        HttpRequestException http => new ProviderException(
            ProviderErrorKind.Unavailable, $"Could not reach {provider} for {display}: {http.Message}{MaybeCarriedOut(provider, display)}", exception),
        IOException io => new ProviderException(
            ProviderErrorKind.Unavailable, $"The connection to {provider} broke during {display}: {io.Message}{MaybeCarriedOut(provider, display)}", exception),
        JsonException json => new ProviderException(
            ProviderErrorKind.BadResponse, $"{provider} answered {display} with JSON FlowForge cannot read: {json.Message}", exception),
        _ => null,
    };

    /// <summary>The usual meaning of an error status; providers refine it (rate-limit signals on 403, state conflicts).</summary>
    public static ProviderErrorKind KindOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => ProviderErrorKind.AuthenticationFailed,
        HttpStatusCode.Forbidden => ProviderErrorKind.PermissionDenied,
        HttpStatusCode.NotFound or HttpStatusCode.Gone => ProviderErrorKind.NotFound,
        HttpStatusCode.TooManyRequests => ProviderErrorKind.RateLimited,
        _ when (int)status >= 500 => ProviderErrorKind.Unavailable,
        _ => ProviderErrorKind.BadResponse,
    };

    /// <summary>"GitLab answered 404 Not Found for GET /projects/7: 404 Project Not Found. Try again after …".</summary>
    public static string Describe(string provider, int status, string display, string? upstreamMessage, DateTimeOffset? retryAt)
    {
        var text = $"{provider} answered {status} {ReasonPhrase(status)} for {display}";
        text += upstreamMessage is null ? "." : $": {upstreamMessage}{(upstreamMessage[^1] is '.' or '!' or '?' or '…' ? string.Empty : ".")}";
        if (retryAt is { } at)
        {
            text += $" Try again after {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC.";
        }

        return text;
    }

    /// <summary>An upstream error message made safe to show: one line, bounded, and any echoed secret replaced.</summary>
    public static string? Clean(string? message, params SecretValue?[] secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        message = string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        foreach (var secret in secrets)
        {
            if (secret is not null)
            {
                message = message.Replace(secret.Reveal(), "[secret]", StringComparison.Ordinal);
            }
        }

        return message.Length > MaxUpstreamMessageLength ? string.Concat(message.AsSpan(0, MaxUpstreamMessageLength), "…") : message;
    }

    /// <summary>An action without an answer may have happened all the same; a user should look before repeating it.</summary>
    private static string MaybeCarriedOut(string provider, string display) =>
        display.StartsWith("GET ", StringComparison.Ordinal) ? string.Empty : $" {provider} may have carried it out anyway; check before trying again.";

    private static string ReasonPhrase(int status)
    {
        // HttpResponseMessage knows the standard phrases; an unset phrase reads as the standard one.
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        return response.ReasonPhrase is { Length: > 0 } phrase ? phrase : "Error";
    }
}
