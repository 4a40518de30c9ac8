using System.Net;
using System.Net.Http.Headers;
using FlowForge.Abstractions.Providers;
using Microsoft.Extensions.Logging;

namespace FlowForge.Abstractions.Http;

/// <summary>
/// The HTTP exchange every REST provider's API client shares: its named <see cref="HttpClient"/>, request headers and
/// the credential, conditional requests against a <see cref="ConditionalResponseCache"/>, same-origin redirects where the
/// provider allows them, the rate-limit budgets of every answer, <c>Link</c> paging, and every failure as a
/// <see cref="ProviderException"/>. A provider adds only what is its own: how it authenticates, which budgets it reports,
/// how its errors read, its paths and its DTOs. An <see cref="HttpClient"/> is taken from the factory per call and the
/// cache is thread-safe, so one client serves concurrent callers.
/// </summary>
public abstract partial class ProviderApiClient
{
    private const int MaxRedirects = 3;

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly string _httpClientName;
    private readonly IRateLimitObserver _rateLimits;

    /// <param name="httpClientName">The plugin's named client, which the host equips with timeouts and resilience.</param>
    /// <param name="provider">The provider's name, for messages (<c>GitLab</c>).</param>
    protected ProviderApiClient(
        IHttpClientFactory httpClientFactory,
        string httpClientName,
        string provider,
        ApiRoot root,
        IRateLimitObserver rateLimits,
        TimeProvider time,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(root);
        _httpClientFactory = httpClientFactory;
        _httpClientName = httpClientName;
        _rateLimits = rateLimits;
        Provider = provider;
        Root = root;
        Time = time;
        Logger = logger;
    }

    public ApiRoot Root { get; }

    /// <summary>How many answers the conditional-request cache holds (for diagnostics and tests).</summary>
    public int CachedResponses => Cache.Count;

    protected string Provider { get; }

    protected TimeProvider Time { get; }

    protected ILogger Logger { get; }

    protected ConditionalResponseCache Cache { get; } = new();

    /// <summary>The media type asked for when a call names none.</summary>
    protected virtual string MediaType => "application/json";

    /// <summary>
    /// Whether same-origin redirects are followed (GET: any; other methods: 307/308 only, which keep method and body),
    /// at most three. When not, a redirect is an error answer like any other, for <see cref="CreateErrorAsync"/> to explain.
    /// </summary>
    protected virtual bool FollowsRedirects => false;

    /// <summary>The rate-limit budgets the provider's answers report; the tightest is the one that stops FlowForge.</summary>
    protected abstract IReadOnlyList<RateLimitHeaderNames> RateLimitBudgets { get; }

    /// <summary>Adds the credential and the provider's own headers: the one place a token is revealed.</summary>
    protected abstract void Authorize(HttpRequestMessage request);

    /// <summary>The provider's error answer as a <see cref="ProviderException"/>: its status, rate limits and message.</summary>
    /// <param name="display">Method and path, like <c>GET /projects/7/pipelines</c>.</param>
    /// <param name="refusal">See <see cref="ApiCall.Refusal"/>.</param>
    protected abstract Task<ProviderException> CreateErrorAsync(
        HttpResponseMessage response, string display, Func<HttpStatusCode, string?, bool>? refusal, CancellationToken cancellationToken);

    /// <summary>The next page an answer names: <c>Link: rel="next"</c> unless the provider has its own way.</summary>
    protected virtual Uri? NextLink(HttpResponseMessage response) => LinkHeader.FindNext(response);

    protected HttpClient CreateClient() => _httpClientFactory.CreateClient(_httpClientName);

    /// <summary>A request with the credential, the provider's headers, <c>Accept</c> and FlowForge's <c>User-Agent</c>.</summary>
    protected HttpRequestMessage CreateRequest(HttpMethod method, Uri url, string? accept = null)
    {
        var request = new HttpRequestMessage(method, url);
        Authorize(request);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept ?? MediaType));
        request.Headers.UserAgent.Add(ProviderHttpHandler.UserAgent);
        return request;
    }

    /// <summary>Reports the tightest budget an answer shows (on a tie, the later one in <see cref="RateLimitBudgets"/>).</summary>
    protected void ObserveRateLimits(HttpResponseHeaders headers)
    {
        var now = Time.GetUtcNow();
        RateLimitSnapshot? tightest = null;
        foreach (var names in RateLimitBudgets)
        {
            if (RateLimitHeaders.Read(headers, names, now) is { } budget && (tightest is null || budget.Remaining <= tightest.Remaining))
            {
                tightest = budget;
            }
        }

        if (tightest is not null)
        {
            _rateLimits.Observe(tightest);
        }
    }

    /// <summary>Transport, timeout and parsing failures as <see cref="ProviderException"/>s; null lets the exception through.</summary>
    protected ProviderException? Translate(Exception exception, string display, CancellationToken cancellationToken) =>
        ProviderFailures.Translate(exception, Provider, display, cancellationToken);
}
