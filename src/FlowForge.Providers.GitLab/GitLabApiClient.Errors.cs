using System.Net;
using System.Text;
using System.Text.Json;
using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;

namespace FlowForge.Providers.GitLab;

/// <summary>How GitLab's failures become <see cref="ProviderException"/>s: status codes, throttles, messages for users.</summary>
internal sealed partial class GitLabApiClient
{
    /// <summary>How long to wait after a 429 that says nothing about when to come back (older GitLab omits <c>Retry-After</c>).</summary>
    public static TimeSpan DefaultThrottleWait { get; } = TimeSpan.FromMinutes(1);

    protected override async Task<ProviderException> CreateErrorAsync(
        HttpResponseMessage response, string display, Func<HttpStatusCode, string?, bool>? refusal, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var message = await ReadErrorMessageAsync(response, cancellationToken);
        var now = Time.GetUtcNow();
        var retryAfter = ResponseHeaders.RetryAfter(response.Headers, now);
        var kind = ProviderFailures.KindOf(status);
        DateTimeOffset? retryAt = null;
        if (status == HttpStatusCode.TooManyRequests)
        {
            // Retry-After when GitLab sends it; else the end of the throttle window; else a minute.
            var reset = ResponseHeaders.ReadLong(response.Headers, RateLimitNames.Reset) is { } epoch ? ResponseHeaders.FromUnixSeconds(epoch) : null;
            retryAt = retryAfter ?? reset ?? now + DefaultThrottleWait;
        }
        else if (refusal?.Invoke(status, message) == true)
        {
            kind = ProviderErrorKind.NotSupported;
        }
        else if ((int)status is >= 300 and < 400)
        {
            // No redirect is followed (see the class summary): say where the server points instead.
            kind = ProviderErrorKind.Misconfigured;
            message = response.Headers.Location is { IsAbsoluteUri: true } location
                ? $"the server redirects to {location.GetLeftPart(UriPartial.Authority)}; set the API base URL to where GitLab answers (https://HOST/api/v4)"
                : "the server redirects; set the API base URL to where GitLab answers (https://HOST/api/v4)";
        }
        else if (kind == ProviderErrorKind.Unavailable)
        {
            retryAt = retryAfter;
        }

        var text = ProviderFailures.Describe(Provider, (int)status, display, message, kind == ProviderErrorKind.RateLimited ? retryAt : null);
        return new ProviderException(kind, text) { RetryAt = retryAt, UpstreamStatusCode = (int)status };
    }

    /// <summary>
    /// GitLab's error text, one line, bounded and scrubbed of the token: <c>{"message": "404 Project Not Found"}</c>,
    /// a validation <c>{"message": {"base": ["…"], "ref": ["…"]}}</c>, Grape's <c>{"error": "ref is missing"}</c>, or a
    /// throttle's plain <c>Retry later</c>.
    /// </summary>
    private async Task<string?> ReadErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (body.Length == 0)
        {
            return null;
        }

        string? message;
        if (response.Content.Headers.ContentType?.MediaType is { } mediaType && mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                message = document.RootElement.ValueKind == JsonValueKind.Object ? Flatten(document.RootElement) : null;
            }
            catch (JsonException)
            {
                message = null;
            }
        }
        else
        {
            message = Encoding.UTF8.GetString(body);
        }

        return ProviderFailures.Clean(message, token);
    }

    private static string? Flatten(JsonElement error)
    {
        if (error.TryGetProperty("message", out var message))
        {
            return message.ValueKind switch
            {
                JsonValueKind.String => message.GetString(),
                JsonValueKind.Object => string.Join("; ", message.EnumerateObject().Select(field =>
                    (field.Name == "base" ? string.Empty : field.Name + ": ") + Texts(field.Value))),
                JsonValueKind.Array => Texts(message),
                _ => null,
            };
        }

        var text = error.TryGetProperty("error", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
        return error.TryGetProperty("error_description", out var description) && description.ValueKind == JsonValueKind.String
            ? $"{text}: {description.GetString()}"
            : text;
    }

    private static string Texts(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? string.Join(", ", value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString() : item.GetRawText()))
        : value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText();
}
