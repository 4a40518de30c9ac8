using System.Net;
using System.Text.RegularExpressions;
using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;

namespace FlowForge.Providers.Jenkins;

/// <summary>How Jenkins' failures become <see cref="ProviderException"/>s: its HTML error pages, crumbs, anonymous access.</summary>
internal sealed partial class JenkinsApiClient
{
    /// <summary>Error pages are short; anything longer is not read for a message.</summary>
    private const int MaxErrorBodyChars = 64 * 1024;

    private async Task<Failure> ReadFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            body = "";
        }

        if (body.Length > MaxErrorBodyChars)
        {
            body = body[..MaxErrorBodyChars];
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        var message = mediaType.Contains("html", StringComparison.OrdinalIgnoreCase) ? HtmlTitle(body, (int)response.StatusCode)
            : mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ? body.Split('\n', 2)[0]
            : null;
        var anonymous = string.Equals(ResponseHeaders.ReadText(response.Headers, "X-You-Are-Authenticated-As"), "anonymous", StringComparison.OrdinalIgnoreCase);
        return new Failure(
            ProviderFailures.Clean(message, token),
            response.StatusCode == HttpStatusCode.Forbidden && !anonymous && body.Contains("crumb", StringComparison.OrdinalIgnoreCase),
            anonymous);
    }

    /// <summary>An error answer as a <see cref="ProviderException"/>; Jenkins' refusals by state are its 409s, not a per-call rule.</summary>
    protected override async Task<ProviderException> CreateErrorAsync(
        HttpResponseMessage response, string display, Func<HttpStatusCode, string?, bool>? refusal, CancellationToken cancellationToken) =>
        CreateError(response, await ReadFailureAsync(response, cancellationToken), display);

    private ProviderException CreateError(HttpResponseMessage response, Failure failure, string display)
    {
        var code = (int)response.StatusCode;
        var retryAfter = ResponseHeaders.RetryAfter(response.Headers, Time.GetUtcNow());
        var (kind, retryAt) = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => (ProviderErrorKind.AuthenticationFailed, null),
            // Jenkins let the request in as anonymous, which happens when no credentials arrived at all.
            HttpStatusCode.Forbidden when failure.Anonymous => (ProviderErrorKind.AuthenticationFailed, null),
            HttpStatusCode.NotFound or HttpStatusCode.Gone => (ProviderErrorKind.NotFound, null),
            // "… is not buildable": the job is disabled, or cannot be started in its state.
            HttpStatusCode.Conflict => (ProviderErrorKind.NotSupported, null),
            HttpStatusCode.TooManyRequests => (ProviderErrorKind.RateLimited, retryAfter),
            _ when code >= 500 => (ProviderErrorKind.Unavailable, retryAfter),
            var status => (ProviderFailures.KindOf(status), (DateTimeOffset?)null),
        };

        var message = failure.Anonymous ? "Jenkins treated the request as anonymous; check the user name and API token." : failure.Message;
        var text = ProviderFailures.Describe(Provider, code, display, message, kind == ProviderErrorKind.RateLimited ? retryAt : null);
        return new ProviderException(kind, text) { RetryAt = retryAt, UpstreamStatusCode = code };
    }

    /// <summary>
    /// What an HTML error page says: Jetty's <c>&lt;title&gt;Error 403 No valid crumb…&lt;/title&gt;</c> without its prefix;
    /// null when the title only repeats the status or names Jenkins.
    /// </summary>
    private static string? HtmlTitle(string html, int status)
    {
        var match = TitlePattern().Match(html);
        if (!match.Success)
        {
            return null;
        }

        var title = WebUtility.HtmlDecode(match.Groups[1].Value).Trim();
        var prefix = $"Error {status}";
        title = title.StartsWith(prefix, StringComparison.Ordinal) ? title[prefix.Length..].Trim() : title;
        using var plain = new HttpResponseMessage((HttpStatusCode)status);
        return title.Length == 0 || title.StartsWith("Jenkins", StringComparison.Ordinal) || title == plain.ReasonPhrase ? null : title;
    }

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 100)]
    private static partial Regex TitlePattern();

    /// <param name="Message">What the answer said, cleaned for users.</param>
    /// <param name="WantsCrumb">A 403 for a missing or stale CSRF crumb: the action did not happen.</param>
    /// <param name="Anonymous">Jenkins treated the request as anonymous (<c>X-You-Are-Authenticated-As: anonymous</c>).</param>
    private sealed record Failure(string? Message, bool WantsCrumb, bool Anonymous);
}
