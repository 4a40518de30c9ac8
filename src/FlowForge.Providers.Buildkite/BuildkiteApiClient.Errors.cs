using System.Net;
using System.Text.Json;
using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.Buildkite.Dtos;

namespace FlowForge.Providers.Buildkite;

/// <summary>How Buildkite's failures become <see cref="ProviderException"/>s: status, rate limits, messages for users.</summary>
internal sealed partial class BuildkiteApiClient
{
    protected override async Task<ProviderException> CreateErrorAsync(
        HttpResponseMessage response, string display, Func<HttpStatusCode, string?, bool>? refusal, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        var error = await ReadErrorAsync(response, cancellationToken);
        var message = ProviderFailures.Clean(error?.Message, token);
        var now = Time.GetUtcNow();
        var retryAfter = ResponseHeaders.RetryAfter(response.Headers, now);

        DateTimeOffset? retryAt = null;
        var kind = response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => ProviderErrorKind.RateLimited,
            HttpStatusCode.NotModified => ProviderErrorKind.BadResponse,
            HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity
                when refusal?.Invoke(response.StatusCode, message) == true => ProviderErrorKind.NotSupported,
            >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest => ProviderErrorKind.BadResponse,
            var status => ProviderFailures.KindOf(status),
        };

        if (kind == ProviderErrorKind.RateLimited)
        {
            // Buildkite sends no Retry-After but says when each budget resets, in seconds from now (headers and body).
            retryAt = retryAfter ?? ResponseHeaders.Later(ExhaustedReset(response, now), error?.Reset is { } reset ? now.AddSeconds(Math.Clamp(reset, 0, 3600)) : null)
                ?? now + TimeSpan.FromMinutes(1);
        }
        else if (kind == ProviderErrorKind.Unavailable)
        {
            retryAt = retryAfter;
        }

        var text = response.StatusCode is >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest
            ? $"Buildkite answered {display} with a redirect ({code}); FlowForge does not follow it, so the token stays with the API host."
            : ProviderFailures.Describe(Provider, code, display, message, kind == ProviderErrorKind.RateLimited ? retryAt : null);
        return new ProviderException(kind, text) { RetryAt = retryAt, UpstreamStatusCode = code };
    }

    /// <summary>The later reset of the budgets the response shows exhausted (a 429 can come from either).</summary>
    private static DateTimeOffset? ExhaustedReset(HttpResponseMessage response, DateTimeOffset now)
    {
        DateTimeOffset? latest = null;
        foreach (var names in (RateLimitHeaderNames[])[OrganizationBudget, UserBudget])
        {
            if (RateLimitHeaders.Read(response.Headers, names, now) is { Remaining: 0, ResetsAt: { } resetsAt })
            {
                latest = ResponseHeaders.Later(latest, resetsAt);
            }
        }

        return latest;
    }

    /// <summary>Buildkite's error body, or null when it is empty or not JSON (a proxy's HTML page).</summary>
    private static async Task<ErrorDto?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, BuildkiteJsonContext.Default.ErrorDto);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
