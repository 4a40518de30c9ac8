using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.Jenkins;

/// <summary>
/// The typed HTTP client for one Jenkins controller and credential, on the shared parts of
/// <see cref="ProviderApiClient"/> (client, headers, response cache, rate limits, failure translation): URLs under the
/// configured root (which may carry a context path), Basic authentication with the user's API token, and conditional
/// requests where a proxy in front adds validators (Jenkins itself sends none). Its own request path, because Jenkins'
/// exchange is its own: form POSTs, the CSRF crumb when the controller wants one, and post/redirect/get.
/// </summary>
/// <param name="root">The Jenkins root, e.g. <c>https://ci.example.com/jenkins/</c>; its path is kept.</param>
internal sealed partial class JenkinsApiClient(
    IHttpClientFactory httpClientFactory, ApiRoot root, string user, SecretValue token, IRateLimitObserver rateLimits, TimeProvider time, ILogger logger)
    : ProviderApiClient(httpClientFactory, JenkinsPlugin.HttpClientName, "Jenkins", root, rateLimits, time, logger)
{
    private const int MaxRedirects = 3;

    /// <summary>Jenkins has no rate limit; a gateway in front of it may report one with the IETF draft headers.</summary>
    protected override IReadOnlyList<RateLimitHeaderNames> RateLimitBudgets { get; } = [RateLimitHeaderNames.Draft(RateLimitReset.SecondsFromNow)];

    /// <summary>A path under the Jenkins root (<c>job/a/api/json?tree=…</c>) as an absolute URL.</summary>
    public Uri Url(string relative) => Root.Resolve(relative);

    /// <summary>
    /// <c>GET {path}api/json?tree=…</c>: one JSON document with exactly the fields of <paramref name="tree"/>. Sent with
    /// the validators of an earlier answer when there are any, so a 304 (from a caching proxy) reuses it.
    /// </summary>
    /// <param name="path">An item's or build's path (<c>job/a/</c>, <c>job/a/7/</c>, <c>queue/item/3/</c>), or "" for the root.</param>
    public Task<T> GetJsonAsync<T>(string path, string? tree, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var url = Url(tree is null ? $"{path}api/json" : $"{path}api/json?tree={Uri.EscapeDataString(tree)}");
        return GetJsonAsync(url, typeInfo, cancellationToken);
    }

    /// <summary>A JSON document that is not a Stapler bean (the Pipeline Stage View's <c>wfapi</c> resources).</summary>
    public Task<T> GetJsonAsync<T>(Uri url, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        ExchangeAsync(
            new JenkinsCall(HttpMethod.Get, url),
            async (response, cached, display) =>
            {
                var body = cached?.Body ?? await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var value = JsonSerializer.Deserialize(body, typeInfo)
                    ?? throw new ProviderException(ProviderErrorKind.BadResponse, $"Jenkins answered {display} with JSON null instead of a document.");
                if (cached is null)
                {
                    // Kept only when a validator came with it, and only once it parsed.
                    Cache.Store(url, response, body);
                }

                return value;
            },
            cancellationToken);

    /// <summary>
    /// A POST (trigger, stop, cancel a queue item), sent once — again only when Jenkins refused it for want of a CSRF crumb.
    /// Form values travel in the body, never in the URL. Jenkins answers most actions by redirecting to "the previous
    /// page" (its <c>Referer</c>); that redirect is followed with a GET, to <paramref name="refererPath"/> when given.
    /// </summary>
    /// <returns>The status of the final answer and the <c>Location</c> of a 201 (a trigger's queue item).</returns>
    public Task<PostResult> PostAsync(string path, IReadOnlyDictionary<string, string>? form, string? refererPath, CancellationToken cancellationToken) =>
        ExchangeAsync(
            new JenkinsCall(HttpMethod.Post, Url(path), form, refererPath is null ? null : Url(refererPath)),
            (response, _, _) => Task.FromResult(new PostResult(response.StatusCode, response.StatusCode == HttpStatusCode.Created ? Location(response) : null)),
            cancellationToken);

    /// <summary>
    /// The one path every request takes: authentication, the crumb on POSTs, conditional validators on GETs,
    /// same-origin redirects (a POST's 302/303 continues as a GET, as Jenkins intends), the rate limit a proxy may
    /// report, and every failure as a <see cref="ProviderException"/>. Nothing is retried but a POST refused for want of a crumb.
    /// </summary>
    /// <param name="read">Reads a successful answer; the cached response when Jenkins (or a proxy) answered 304.</param>
    private async Task<T> ExchangeAsync<T>(JenkinsCall call, Func<HttpResponseMessage, CachedResponse?, string, Task<T>> read, CancellationToken cancellationToken)
    {
        var display = Root.Display(call.Method, call.Url);
        try
        {
            using var client = CreateClient();
            var method = call.Method;
            var target = call.Url;
            var crumbTried = false;
            for (var hop = 0; ; hop++)
            {
                var isGet = method == HttpMethod.Get;
                using var request = CreateJenkinsRequest(method, target, call);
                var cached = isGet && call.Cached ? Cache.AddValidators(request, cacheKey: target) : null;
                var completion = call.Streamed && isGet ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead;
                using var response = await client.SendAsync(request, completion, cancellationToken);
                ObserveRateLimits(response.Headers);

                if (response.StatusCode == HttpStatusCode.NotModified && cached is not null)
                {
                    return await read(response, cached, display);
                }

                if (isGet ? response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NonAuthoritativeInformation : response.IsSuccessStatusCode)
                {
                    return await read(response, null, display);
                }

                if (Redirects.IsRedirect(response.StatusCode) && hop < MaxRedirects
                    && Redirects.Target(response, target, Root, "Jenkins", display) is { } next)
                {
                    target = next;

                    // Post/redirect/get: the action is done and the redirect shows its result page.
                    method = isGet || response.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.MovedPermanently
                        ? HttpMethod.Get
                        : method;
                    continue;
                }

                var failure = await ReadFailureAsync(response, cancellationToken);
                if (!isGet && !crumbTried && failure.WantsCrumb && await RenewCrumbAsync(cancellationToken))
                {
                    // Refused for want of a crumb, the action did not happen: send it again with one.
                    crumbTried = true;
                    hop--;
                    continue;
                }

                throw CreateError(response, failure, display);
            }
        }
        catch (Exception exception) when (Translate(exception, display, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    protected override void Authorize(HttpRequestMessage request) =>
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{token.Reveal()}")));

    private HttpRequestMessage CreateJenkinsRequest(HttpMethod method, Uri url, JenkinsCall call)
    {
        var request = CreateRequest(method, url, call.Streamed ? "text/plain" : null);
        if (method == HttpMethod.Post)
        {
            AddCrumb(request);
            if (call.Referer is not null)
            {
                request.Headers.Referrer = call.Referer;
            }

            // An empty form rather than no body: some proxies refuse a POST without Content-Length.
            request.Content = new FormUrlEncodedContent(call.Form ?? new Dictionary<string, string>());
        }

        return request;
    }

    private Uri? Location(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? location.IsAbsoluteUri ? location : new Uri(Root.BaseUrl, location) : null;

    /// <param name="Form">A POST's form fields (<c>application/x-www-form-urlencoded</c>).</param>
    /// <param name="Referer">Where Jenkins should send the client after the action.</param>
    /// <param name="Streamed">Read the body as it arrives (logs) instead of buffering it first.</param>
    /// <param name="Cached">Send the validators of an earlier answer (GETs of JSON documents).</param>
    private sealed record JenkinsCall(
        HttpMethod Method,
        Uri Url,
        IReadOnlyDictionary<string, string>? Form = null,
        Uri? Referer = null,
        bool Streamed = false,
        bool Cached = true);
}

/// <param name="Location">Where a 201 points: a trigger's queue item.</param>
internal sealed record PostResult(HttpStatusCode Status, Uri? Location);
