using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Providers.GitHub.Dtos;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.GitHub;

/// <summary>
/// The typed HTTP client for one GitHub instance and credential: URLs, headers, conditional requests, paging,
/// rate-limit reporting and the mapping of every failure to a <see cref="ProviderException"/>.
/// Stateless per request (an <see cref="HttpClient"/> is taken from the factory for each call), so one instance
/// serves concurrent callers; the only shared state is the thread-safe <see cref="ConditionalResponseCache"/>.
/// </summary>
internal sealed partial class GitHubApiClient
{
    /// <summary>Pages followed per listing call for most lists (100 items each).</summary>
    public const int DefaultPageCap = 10;

    /// <summary>Discovery may legitimately see thousands of repositories.</summary>
    public const int RepositoryPageCap = 50;

    private const int MaxRedirects = 3;
    private const string ApiVersion = "2022-11-28";
    private const string MediaType = "application/vnd.github+json";

    private static readonly ProductInfoHeaderValue UserAgent = new(
        "FlowForge", typeof(GitHubApiClient).Assembly.GetName().Version?.ToString() ?? "0.0.0");

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly Uri _baseUrl;
    private readonly SecretValue _token;
    private readonly IRateLimitObserver _rateLimits;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConditionalResponseCache _cache = new();

    /// <param name="baseUrl">The API root, e.g. <c>https://api.github.com</c> or <c>https://HOST/api/v3</c>; its path is kept.</param>
    public GitHubApiClient(
        IHttpClientFactory httpClientFactory,
        Uri baseUrl,
        SecretValue token,
        IRateLimitObserver rateLimits,
        TimeProvider time,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        _httpClientFactory = httpClientFactory;
        _baseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _token = token;
        _rateLimits = rateLimits;
        _time = time;
        _logger = logger;
    }

    public Uri BaseUrl => _baseUrl;

    /// <summary>How many list responses the conditional-request cache holds (for diagnostics and tests).</summary>
    public int CachedResponses => _cache.Count;

    /// <summary><c>GET /user</c>, with the classic token scopes from <c>X-OAuth-Scopes</c> (none for fine-grained tokens).</summary>
    public async Task<(UserDto User, IReadOnlyList<string> Scopes)> GetAuthenticatedUserAsync(CancellationToken cancellationToken)
    {
        var response = await GetAsync(Api("user"), GitHubJsonContext.Default.UserDto, conditional: false, cancellationToken);
        return (response.Value, response.Scopes);
    }

    /// <summary><c>GET /user/repos</c>, every page up to <see cref="RepositoryPageCap"/>.</summary>
    public Task<IReadOnlyList<RepositoryDto>> ListRepositoriesAsync(CancellationToken cancellationToken) =>
        GetPagesAsync(Api("user/repos?per_page=100"), GitHubJsonContext.Default.IReadOnlyListRepositoryDto, page => page, RepositoryPageCap, cancellationToken);

    /// <summary><c>GET /repos/{owner}/{repo}/actions/workflows</c>, every page up to <see cref="DefaultPageCap"/>.</summary>
    public Task<IReadOnlyList<WorkflowDto>> ListWorkflowsAsync(string repository, CancellationToken cancellationToken) =>
        GetPagesAsync(
            Api($"repos/{RepositoryPath(repository)}/actions/workflows?per_page=100"),
            GitHubJsonContext.Default.WorkflowListDto,
            page => page.Workflows,
            DefaultPageCap,
            cancellationToken);

    /// <summary>The first page of <c>GET /repos/{owner}/{repo}/actions/runs</c>: the newest runs of every workflow.</summary>
    public async Task<IReadOnlyList<WorkflowRunDto>> ListRecentRunsAsync(string repository, int perPage, CancellationToken cancellationToken)
    {
        var url = Api($"repos/{RepositoryPath(repository)}/actions/runs?per_page={perPage.ToString(CultureInfo.InvariantCulture)}");
        var response = await GetAsync(url, GitHubJsonContext.Default.WorkflowRunListDto, conditional: true, cancellationToken);
        return response.Value.WorkflowRuns;
    }

    /// <summary><c>GET /repos/{owner}/{repo}/actions/runs/{run_id}</c>.</summary>
    public async Task<WorkflowRunDto> GetRunAsync(string repository, long runId, CancellationToken cancellationToken)
    {
        var url = Api($"repos/{RepositoryPath(repository)}/actions/runs/{runId.ToString(CultureInfo.InvariantCulture)}");
        var response = await GetAsync(url, GitHubJsonContext.Default.WorkflowRunDto, conditional: true, cancellationToken);
        return response.Value;
    }

    /// <summary><c>GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs</c> (latest attempt), every page up to <see cref="DefaultPageCap"/>.</summary>
    public Task<IReadOnlyList<JobDto>> ListJobsAsync(string repository, long runId, CancellationToken cancellationToken) =>
        GetPagesAsync(
            Api($"repos/{RepositoryPath(repository)}/actions/runs/{runId.ToString(CultureInfo.InvariantCulture)}/jobs?per_page=100"),
            GitHubJsonContext.Default.JobListDto,
            page => page.Jobs,
            DefaultPageCap,
            cancellationToken);

    /// <summary>Follows <c>Link: rel="next"</c> from <paramref name="firstPage"/>, each page a conditional request.</summary>
    private async Task<IReadOnlyList<TItem>> GetPagesAsync<TPage, TItem>(
        Uri firstPage,
        JsonTypeInfo<TPage> typeInfo,
        Func<TPage, IReadOnlyList<TItem>> items,
        int pageCap,
        CancellationToken cancellationToken)
    {
        var all = new List<TItem>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        Uri? next = firstPage;
        for (var pages = 0; next is not null && visited.Add(next.AbsoluteUri); pages++)
        {
            if (pages == pageCap)
            {
                LogPageCapReached(_logger, DisplayPath(firstPage), pageCap);
                break;
            }

            var response = await GetAsync(next, typeInfo, conditional: true, cancellationToken);
            all.AddRange(items(response.Value));
            next = response.NextLink;
            if (next is not null && !IsSameOrigin(next))
            {
                throw new ProviderException(
                    ProviderErrorKind.BadResponse,
                    $"GitHub's next-page link for GET {DisplayPath(firstPage)} points to another host ({next.Host}); FlowForge does not send the token there.");
            }
        }

        return all;
    }

    /// <summary>One API GET of a JSON document, conditional when asked (see <see cref="SendAsync{T}"/>).</summary>
    private Task<ApiResponse<T>> GetAsync<T>(Uri url, JsonTypeInfo<T> typeInfo, bool conditional, CancellationToken cancellationToken) =>
        SendAsync(new ApiCall(HttpMethod.Get, url, conditional), (_, body, display) => Deserialize(body, typeInfo, display), cancellationToken);

    /// <summary>
    /// The one path every API request takes, GET or POST: GitHub's headers and the token, a JSON body, conditional
    /// validators (GET only: a 304 reuses the cached body and next link), same-origin redirects (a renamed repository
    /// answers 301; a POST follows only 307/308, which keep method and body), the rate limit of every response, and
    /// every failure as a <see cref="ProviderException"/>. Nothing is retried here: a POST is sent exactly once.
    /// </summary>
    /// <param name="read">Reads a successful answer (GET: 200/203; POST: any 2xx) with its status and body.</param>
    private async Task<ApiResponse<T>> SendAsync<T>(ApiCall call, Func<HttpStatusCode, byte[], string, T> read, CancellationToken cancellationToken)
    {
        var display = Display(call.Method, call.Url);
        var isGet = call.Method == HttpMethod.Get;
        var conditional = isGet && call.Conditional;
        try
        {
            using var client = CreateClient();
            var target = call.Url;
            for (var hop = 0; ; hop++)
            {
                using var request = CreateApiRequest(call.Method, target);
                if (call.JsonBody is { } json)
                {
                    request.Content = new ByteArrayContent(json);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                }

                var cached = conditional ? _cache.AddValidators(request, cacheKey: call.Url) : null;
                // The whole body is read inside the send, so the resilience timeouts cover a body that stalls.
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                ObserveRateLimit(response);

                if (response.StatusCode == HttpStatusCode.NotModified && cached is not null)
                {
                    return new ApiResponse<T>(read(HttpStatusCode.OK, cached.Body, display), cached.NextLink, ReadScopes(response), HttpStatusCode.NotModified);
                }

                if (isGet ? response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NonAuthoritativeInformation : response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    var value = read(response.StatusCode, body, display);
                    if (conditional)
                    {
                        // Only a body that parsed is kept: a 304 must never bring back a response that failed.
                        _cache.Store(call.Url, response, body);
                    }

                    return new ApiResponse<T>(value, LinkHeader.FindNext(response), ReadScopes(response), response.StatusCode);
                }

                var followable = isGet
                    ? IsRedirect(response.StatusCode)
                    : response.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
                if (followable && response.Headers.Location is { } location && hop < MaxRedirects)
                {
                    target = location.IsAbsoluteUri ? location : new Uri(target, location);
                    if (!IsSameOrigin(target))
                    {
                        throw new ProviderException(
                            ProviderErrorKind.BadResponse,
                            $"GitHub redirected {display} to another host ({target.Host}); FlowForge does not send the token there.")
                        {
                            UpstreamStatusCode = (int)response.StatusCode,
                        };
                    }

                    continue;
                }

                throw await CreateErrorAsync(response, display, call.Refusal, cancellationToken);
            }
        }
        catch (Exception exception) when (Translate(exception, display, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    private HttpClient CreateClient() => _httpClientFactory.CreateClient(GitHubPlugin.HttpClientName);

    private HttpRequestMessage CreateApiRequest(HttpMethod method, Uri url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token.Reveal());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaType));
        request.Headers.Add("X-GitHub-Api-Version", ApiVersion);
        request.Headers.UserAgent.Add(UserAgent);
        return request;
    }

    private void ObserveRateLimit(HttpResponseMessage response)
    {
        if (RateLimitHeaders.Read(response.Headers, RateLimitHeaderNames.GitHub, _time.GetUtcNow()) is { } snapshot)
        {
            _rateLimits.Observe(snapshot);
        }
    }

    private static T Deserialize<T>(byte[] body, JsonTypeInfo<T> typeInfo, string display) =>
        JsonSerializer.Deserialize(body, typeInfo)
        ?? throw new ProviderException(ProviderErrorKind.BadResponse, $"GitHub answered {display} with JSON null instead of a document.");

    private Uri Api(string relative) => new(_baseUrl, relative);

    /// <summary>Method and path for messages: <c>GET /user/repos</c>, never the query (which may name refs) or a header.</summary>
    private string Display(HttpMethod method, Uri url) => $"{method.Method} {DisplayPath(url)}";

    /// <summary>The request path relative to the API root, without query: <c>/user/repos</c> also on GitHub Enterprise Server.</summary>
    private string DisplayPath(Uri url)
    {
        var path = url.AbsolutePath;
        var root = _baseUrl.AbsolutePath;
        return path.StartsWith(root, StringComparison.Ordinal) ? "/" + path[root.Length..] : path;
    }

    private bool IsSameOrigin(Uri url) =>
        Uri.Compare(url, _baseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary><c>owner/repo</c> as two escaped path segments.</summary>
    private static string RepositoryPath(string repository)
    {
        var parts = repository.Split('/');
        if (parts.Length != 2 || parts.Any(string.IsNullOrWhiteSpace))
        {
            throw new ProviderException(ProviderErrorKind.NotFound, $"'{repository}' is not a GitHub repository name (owner/repo).");
        }

        return $"{Uri.EscapeDataString(parts[0])}/{Uri.EscapeDataString(parts[1])}";
    }

    private static IReadOnlyList<string> ReadScopes(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-OAuth-Scopes", out var values)
            ? [.. values.SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]
            : [];




    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    [LoggerMessage(Level = LogLevel.Warning, Message = "GET {Path} has more than {PageCap} pages; FlowForge read only the first {PageCap}.")]
    private static partial void LogPageCapReached(ILogger logger, string path, int pageCap);

    /// <param name="Scopes">The classic token scopes GitHub reported (<c>X-OAuth-Scopes</c>).</param>
    /// <param name="Status">What GitHub answered: 304 when the cached body was reused.</param>
    private sealed record ApiResponse<T>(T Value, Uri? NextLink, IReadOnlyList<string> Scopes, HttpStatusCode Status);

    /// <param name="Conditional">Send the cached validators (GETs only).</param>
    /// <param name="JsonBody">A UTF-8 JSON request body, serialized with the source-generated context.</param>
    /// <param name="Refusal">
    /// Tells which error answers mean "not in this state" (a dispatch's 422, a finished run's 409): those become
    /// <see cref="ProviderErrorKind.NotSupported"/> instead of their usual kind. Rate limits are never refusals.
    /// </param>
    private sealed record ApiCall(
        HttpMethod Method,
        Uri Url,
        bool Conditional = false,
        byte[]? JsonBody = null,
        Func<HttpStatusCode, string?, bool>? Refusal = null);
}
