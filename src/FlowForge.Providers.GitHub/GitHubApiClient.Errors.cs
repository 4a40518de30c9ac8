using System.Globalization;
using System.Net;
using System.Text.Json;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitHub.Dtos;
using Microsoft.AspNetCore.WebUtilities;

namespace FlowForge.Providers.GitHub;

/// <summary>How GitHub's failures become <see cref="ProviderException"/>s: status, rate limits, messages for users.</summary>
internal sealed partial class GitHubApiClient
{
    /// <param name="display">Method and path, like <c>GET /user/repos</c>.</param>
    /// <param name="refusal">See <see cref="ApiCall.Refusal"/>.</param>
    private async Task<ProviderException> CreateErrorAsync(
        HttpResponseMessage response,
        string display,
        Func<HttpStatusCode, string?, bool>? refusal,
        CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        var message = await ReadErrorMessageAsync(response, cancellationToken);
        var now = _time.GetUtcNow();
        var headers = response.Headers;
        var remaining = ReadLong(headers, "x-ratelimit-remaining");
        var reset = ReadLong(headers, "x-ratelimit-reset") is { } epoch ? FromUnixSeconds(epoch) : null;
        var retryAfter = headers.RetryAfter switch
        {
            { Delta: { } delta } => now + delta,
            { Date: { } date } => date,
            _ => (DateTimeOffset?)null,
        };

        ProviderErrorKind kind;
        DateTimeOffset? retryAt = null;
        switch (response.StatusCode)
        {
            case HttpStatusCode.Unauthorized:
                kind = ProviderErrorKind.AuthenticationFailed;
                break;
            case HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests when remaining == 0:
                // Primary rate limit: wait for the reset (or a later Retry-After, should GitHub send both).
                kind = ProviderErrorKind.RateLimited;
                retryAt = Later(reset, retryAfter);
                break;
            case HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests when retryAfter is not null:
                kind = ProviderErrorKind.RateLimited;
                retryAt = retryAfter;
                break;
            case HttpStatusCode.TooManyRequests:
                kind = ProviderErrorKind.RateLimited;
                break;
            case HttpStatusCode.Forbidden when message?.Contains("rate limit", StringComparison.OrdinalIgnoreCase) == true:
                // A secondary limit without Retry-After: GitHub's guidance is to wait at least a minute.
                kind = ProviderErrorKind.RateLimited;
                retryAt = now + TimeSpan.FromMinutes(1);
                break;
            case var status when refusal?.Invoke(status, message) == true:
                // The request was understood and allowed, but the pipeline or run is not in a state for it.
                kind = ProviderErrorKind.NotSupported;
                break;
            case HttpStatusCode.Forbidden:
                kind = ProviderErrorKind.PermissionDenied;
                break;
            case HttpStatusCode.NotFound or HttpStatusCode.Gone:
                kind = ProviderErrorKind.NotFound;
                break;
            case HttpStatusCode.NotModified:
                // Only possible when the cached body vanished between request and answer: nothing to reuse.
                kind = ProviderErrorKind.BadResponse;
                break;
            case var status when (int)status >= 500:
                kind = ProviderErrorKind.Unavailable;
                retryAt = retryAfter;
                break;
            default:
                kind = ProviderErrorKind.BadResponse;
                break;
        }

        var text = $"GitHub answered {code} {ReasonPhrases.GetReasonPhrase(code)} for {display}";
        text += message is null ? "." : $": {message}{(EndsWithPunctuation(message) ? string.Empty : ".")}";
        if (kind == ProviderErrorKind.RateLimited && retryAt is { } at)
        {
            text += $" Try again after {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC.";
        }

        return new ProviderException(kind, text) { RetryAt = retryAt, UpstreamStatusCode = code };
    }

    /// <summary>GitHub's <c>message</c> from an error body, one line, bounded, and scrubbed of the token should a server echo it.</summary>
    private async Task<string?> ReadErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? message;
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            message = body.Length == 0 ? null : JsonSerializer.Deserialize(body, GitHubJsonContext.Default.ErrorDto)?.Message;
        }
        catch (JsonException)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        message = string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        message = message.Replace(_token.Reveal(), "[secret]", StringComparison.Ordinal);
        return message.Length > MaxErrorMessageLength ? string.Concat(message.AsSpan(0, MaxErrorMessageLength), "…") : message;
    }

    /// <summary>Turns transport and parsing failures into <see cref="ProviderException"/>; null lets the exception through.</summary>
    private static ProviderException? Translate(Exception exception, string display, CancellationToken cancellationToken) => exception switch
    {
        ProviderException => null,
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        OperationCanceledException => new ProviderException(
            ProviderErrorKind.Unavailable, $"GitHub did not answer {display} in time (timed out).{MaybeCarriedOut(display)}", exception),
        HttpRequestException http => new ProviderException(
            ProviderErrorKind.Unavailable, $"Could not reach GitHub for {display}: {http.Message}{MaybeCarriedOut(display)}", exception),
        IOException io => new ProviderException(
            ProviderErrorKind.Unavailable, $"The connection to GitHub broke during {display}: {io.Message}{MaybeCarriedOut(display)}", exception),
        JsonException json => new ProviderException(
            ProviderErrorKind.BadResponse, $"GitHub answered {display} with JSON FlowForge cannot read: {json.Message}", exception),
        _ => null,
    };

    /// <summary>An action without an answer may have happened all the same; a user should look before repeating it.</summary>
    private static string MaybeCarriedOut(string display) =>
        display.StartsWith("GET ", StringComparison.Ordinal) ? string.Empty : " GitHub may have carried it out anyway; check before trying again.";

    private static DateTimeOffset? Later(DateTimeOffset? first, DateTimeOffset? second) =>
        first is { } a && second is { } b ? (a > b ? a : b) : first ?? second;

    private static bool EndsWithPunctuation(string text) => text[^1] is '.' or '!' or '?' or '…';
}
