using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Providers.Buildkite.Dtos;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.Buildkite;

/// <summary>
/// The typed HTTP client for one Buildkite organization and token: URLs, the Bearer header, conditional requests where
/// Buildkite answers with validators, <c>Link</c> paging, both rate-limit budgets (organization and user) and every
/// failure as a <see cref="ProviderException"/>. Stateless per request; the only shared state is the thread-safe
/// <see cref="ConditionalResponseCache"/>, so one instance serves concurrent callers.
/// </summary>
internal sealed partial class BuildkiteApiClient
{
    /// <summary>Buildkite's largest page.</summary>
    public const int MaxPerPage = 100;

    /// <summary>Pages of pipelines read for discovery (100 each): organizations with thousands of pipelines exist.</summary>
    public const int PipelinePageCap = 50;

    private const string Provider = "Buildkite";

    private static readonly ProductInfoHeaderValue UserAgent = new(
        "FlowForge", typeof(BuildkiteApiClient).Assembly.GetName().Version?.ToString() ?? "0.0.0");

    /// <summary>The organization's budget (<c>RateLimit-*</c>, shared by every user of the organization); resets are in seconds from now.</summary>
    private static readonly RateLimitHeaderNames OrganizationBudget =
        RateLimitHeaderNames.Draft(RateLimitReset.SecondsFromNow) with { Resource = "RateLimit-Scope" };

    /// <summary>The token user's own budget (<c>RateLimit-User-*</c>), usually the smaller one.</summary>
    private static readonly RateLimitHeaderNames UserBudget = new(
        "RateLimit-User-Limit", "RateLimit-User-Remaining", "RateLimit-User-Reset", RateLimitReset.SecondsFromNow, "RateLimit-User-Scope");

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly SecretValue _token;
    private readonly IRateLimitObserver _rateLimits;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConditionalResponseCache _cache = new();

    /// <param name="root">The API root with its version, e.g. <c>https://api.buildkite.com/v2</c>.</param>
    public BuildkiteApiClient(
        IHttpClientFactory httpClientFactory,
        ApiRoot root,
        string organization,
        SecretValue token,
        IRateLimitObserver rateLimits,
        TimeProvider time,
        ILogger logger)
    {
        _httpClientFactory = httpClientFactory;
        Root = root;
        Organization = organization;
        _token = token;
        _rateLimits = rateLimits;
        _time = time;
        _logger = logger;
    }

    public ApiRoot Root { get; }

    public string Organization { get; }

    /// <summary>How many responses the conditional-request cache holds (for diagnostics and tests).</summary>
    public int CachedResponses => _cache.Count;

    /// <summary><c>GET /access-token</c>: the token's user and scopes. Needs no scope.</summary>
    public async Task<AccessTokenDto> GetAccessTokenAsync(CancellationToken cancellationToken) =>
        (await GetAsync(Root.Resolve("access-token"), BuildkiteJsonContext.Default.AccessTokenDto, conditional: false, cancellationToken)).Value;

    /// <summary><c>GET /organizations/{org}/pipelines</c>, every page up to <see cref="PipelinePageCap"/>.</summary>
    public async Task<IReadOnlyList<PipelineDto>> ListPipelinesAsync(CancellationToken cancellationToken)
    {
        var (pipelines, _) = await GetPagesAsync(
            Root.Resolve($"{OrganizationPath}/pipelines?per_page={MaxPerPage}"),
            BuildkiteJsonContext.Default.IReadOnlyListPipelineDto,
            PipelinePageCap,
            static _ => true,
            cancellationToken);
        return pipelines;
    }

    /// <summary><c>GET /organizations/{org}/pipelines/{slug}</c>.</summary>
    public async Task<PipelineDto> GetPipelineAsync(string slug, CancellationToken cancellationToken) =>
        (await GetAsync(Root.Resolve(PipelinePath(slug)), BuildkiteJsonContext.Default.PipelineDto, conditional: true, cancellationToken)).Value;

    /// <summary>
    /// Walks a list's pages (<see cref="LinkPaging"/>), each a conditional request, while <paramref name="wantsMore"/>
    /// says so after a page, at most <paramref name="pageCap"/> pages.
    /// </summary>
    /// <returns>The items, and whether the walk ended by itself (false: the cap cut it short).</returns>
    private async Task<(IReadOnlyList<T> Items, bool Complete)> GetPagesAsync<T>(
        Uri firstPage, JsonTypeInfo<IReadOnlyList<T>> typeInfo, int pageCap, Func<IReadOnlyList<T>, bool> wantsMore, CancellationToken cancellationToken)
    {
        var complete = true;
        var items = await LinkPaging.ReadAllAsync(
            firstPage,
            async (url, token) =>
            {
                var response = await GetAsync(url, typeInfo, conditional: true, token);
                return new Page<T>(response.Value, wantsMore(response.Value) ? response.NextLink : null);
            },
            pageCap,
            Root,
            Provider,
            () =>
            {
                complete = false;
                LogPageCapReached(_logger, Root.Display(HttpMethod.Get, firstPage), pageCap);
            },
            cancellationToken);
        return (items, complete);
    }

    private Task<ApiResponse<T>> GetAsync<T>(Uri url, JsonTypeInfo<T> typeInfo, bool conditional, CancellationToken cancellationToken) =>
        SendAsync(new ApiCall(HttpMethod.Get, url, conditional), Json(typeInfo), cancellationToken);

    /// <summary>
    /// The one path every request takes, GET, POST or PUT: the token as a Bearer header (revealed here and nowhere
    /// else), a JSON body, validators of a cached response (GET only: a 304 reuses its body and next link), the rate-limit
    /// budgets of every response, and every failure as a <see cref="ProviderException"/>. Nothing is retried or
    /// redirected here: a POST or PUT is sent exactly once, and the token never leaves the API host.
    /// </summary>
    /// <param name="read">Reads a successful answer's body (GET: 200; otherwise any 2xx).</param>
    private async Task<ApiResponse<T>> SendAsync<T>(ApiCall call, Func<HttpContent, string, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var display = Root.Display(call.Method, call.Url);
        var conditional = call.Conditional && call.Method == HttpMethod.Get;
        try
        {
            using var client = _httpClientFactory.CreateClient(BuildkitePlugin.HttpClientName);
            using var request = new HttpRequestMessage(call.Method, call.Url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token.Reveal());
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(call.Accept));
            request.Headers.UserAgent.Add(UserAgent);
            if (call.JsonBody is { } json)
            {
                request.Content = new ByteArrayContent(json);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }

            var cached = conditional ? _cache.AddValidators(request) : null;

            // A body is read inside the send (so the host's timeouts cover one that stalls) unless it is streamed (a log).
            var completion = call.Streamed ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead;
            using var response = await client.SendAsync(request, completion, cancellationToken);
            ObserveRateLimits(response);
            if (response.StatusCode == HttpStatusCode.NotModified && cached is not null)
            {
                using var reused = new ByteArrayContent(cached.Body);
                return new ApiResponse<T>(await read(reused, display, cancellationToken), cached.NextLink, (int)response.StatusCode);
            }

            if (call.Method == HttpMethod.Get ? response.StatusCode == HttpStatusCode.OK : response.IsSuccessStatusCode)
            {
                if (!conditional)
                {
                    return new ApiResponse<T>(await read(response.Content, display, cancellationToken), LinkHeader.FindNext(response), (int)response.StatusCode);
                }

                // Kept only once it parsed: a 304 must never bring back a body that failed.
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                using var buffered = new ByteArrayContent(body);
                var value = await read(buffered, display, cancellationToken);
                _cache.Store(call.Url, response, body);
                return new ApiResponse<T>(value, LinkHeader.FindNext(response), (int)response.StatusCode);
            }

            throw await CreateErrorAsync(response, display, call.Refusal, cancellationToken);
        }
        catch (Exception exception) when (ProviderFailures.Translate(exception, Provider, display, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Reports the tighter of the two budgets: whichever runs out first is the one that stops FlowForge.</summary>
    private void ObserveRateLimits(HttpResponseMessage response)
    {
        var now = _time.GetUtcNow();
        var organization = RateLimitHeaders.Read(response.Headers, OrganizationBudget, now);
        var user = RateLimitHeaders.Read(response.Headers, UserBudget, now);
        var tighter = organization is null ? user : user is null || organization.Remaining < user.Remaining ? organization : user;
        if (tighter is not null)
        {
            _rateLimits.Observe(tighter);
        }
    }

    /// <summary>Reads a JSON body with the source-generated context; JSON null is a bad answer, not a value.</summary>
    private static Func<HttpContent, string, CancellationToken, Task<T>> Json<T>(JsonTypeInfo<T> typeInfo) =>
        async (content, display, cancellationToken) =>
            await JsonSerializer.DeserializeAsync(await content.ReadAsStreamAsync(cancellationToken), typeInfo, cancellationToken)
            ?? throw new ProviderException(ProviderErrorKind.BadResponse, $"Buildkite answered {display} with JSON null instead of a document.");

    private string OrganizationPath => $"organizations/{Uri.EscapeDataString(Organization)}";

    private string PipelinePath(string slug) => $"{OrganizationPath}/pipelines/{Segment(slug, "pipeline slug")}";

    /// <summary>One escaped path segment; an empty value or one with a slash names nothing Buildkite has.</summary>
    private static string Segment(string value, string what) =>
        string.IsNullOrWhiteSpace(value) || value.Contains('/', StringComparison.Ordinal)
            ? throw new ProviderException(ProviderErrorKind.NotFound, $"'{value}' is not a Buildkite {what}.")
            : Uri.EscapeDataString(value);

    private static string Number(long number) => number.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GET {Path} has more than {PageCap} pages; FlowForge read only the first {PageCap}.")]
    private static partial void LogPageCapReached(ILogger logger, string path, int pageCap);

    /// <param name="Status">What Buildkite answered: 304 when the cached body was reused.</param>
    private sealed record ApiResponse<T>(T Value, Uri? NextLink, int Status);

    /// <param name="Conditional">Send the cached validators (GETs only).</param>
    /// <param name="JsonBody">A UTF-8 JSON request body, serialized with the source-generated context.</param>
    /// <param name="Accept">What the answer should be: JSON, or the text of a log.</param>
    /// <param name="Streamed">The body is read as it arrives rather than buffered first (a log can be large).</param>
    /// <param name="Refusal">
    /// Which error answers mean "not in this state" (a finished build's cancel, a job that cannot be retried): those
    /// become <see cref="ProviderErrorKind.NotSupported"/> instead of their usual kind. Rate limits are never refusals.
    /// </param>
    private sealed record ApiCall(
        HttpMethod Method,
        Uri Url,
        bool Conditional = false,
        byte[]? JsonBody = null,
        Func<HttpStatusCode, string?, bool>? Refusal = null,
        string Accept = "application/json",
        bool Streamed = false);
}
