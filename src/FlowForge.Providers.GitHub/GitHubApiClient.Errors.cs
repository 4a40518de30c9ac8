using System.Net;
using System.Text.Json;
using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitHub.Dtos;

namespace FlowForge.Providers.GitHub;

/// <summary>How GitHub's failures become <see cref="ProviderException"/>s: status, rate limits, messages for users.</summary>
internal sealed partial class GitHubApiClient
{
    protected override async Task<ProviderException> CreateErrorAsync(
        HttpResponseMessage response,
        string display,
        Func<HttpStatusCode, string?, bool>? refusal,
        CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        var message = await ReadErrorMessageAsync(response, cancellationToken);
        var now = Time.GetUtcNow();
        var headers = response.Headers;
        var remaining = ResponseHeaders.ReadLong(headers, "x-ratelimit-remaining");
        var reset = ResponseHeaders.ReadLong(headers, "x-ratelimit-reset") is { } epoch ? ResponseHeaders.FromUnixSeconds(epoch) : null;
        var retryAfter = ResponseHeaders.RetryAfter(headers, now);

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
                retryAt = ResponseHeaders.Later(reset, retryAfter);
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

        var text = ProviderFailures.Describe(Provider, code, display, message, kind == ProviderErrorKind.RateLimited ? retryAt : null);
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

        return ProviderFailures.Clean(message, token);
    }
}
