using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Providers.GitLab.Dtos;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.GitLab;

/// <summary>
/// The typed HTTP client for one GitLab instance and credential: URLs, the token header, paging (keyset where GitLab
/// offers it, pages elsewhere), conditional requests where GitLab answers with validators, rate-limit reporting and
/// every failure as a <see cref="ProviderException"/>. An <see cref="HttpClient"/> is taken from the factory per call,
/// so one client serves concurrent callers; the shared state (the response cache) is thread-safe.
/// </summary>
/// <param name="bearer">Send the token as <c>Authorization: Bearer</c> (an OAuth token) instead of <c>PRIVATE-TOKEN</c>.</param>
internal sealed partial class GitLabApiClient(
    IHttpClientFactory httpClientFactory, ApiRoot root, SecretValue token, bool bearer, IRateLimitObserver rateLimits, TimeProvider time, ILogger logger)
{
    /// <summary>Pages followed for most lists (100 items each).</summary>
    public const int PageCap = 10;

    /// <summary>Discovery may legitimately see thousands of projects.</summary>
    public const int ProjectPageCap = 50;

    /// <summary>GitLab's largest page.</summary>
    public const int MaxPerPage = 100;

    private const string Provider = "GitLab";

    /// <summary>GitLab's throttle headers; <c>RateLimit-Name</c> names the throttle (<c>throttle_authenticated_api</c>).</summary>
    private static readonly RateLimitHeaderNames RateLimitNames = RateLimitHeaderNames.Draft(RateLimitReset.UnixSeconds) with { Resource = "RateLimit-Name" };

    private readonly ConditionalResponseCache _cache = new();

    public ApiRoot Root { get; } = root;

    public bool UsesOAuthToken => bearer;

    /// <summary><c>GET /user</c>.</summary>
    public async Task<UserDto> GetUserAsync(CancellationToken cancellationToken) =>
        (await GetAsync(Root.Resolve("user"), GitLabJsonContext.Default.UserDto, conditional: false, cancellationToken)).Value;

    /// <summary><c>GET /personal_access_tokens/self</c> (GitLab 15.5 and later): the scopes of a personal, group or project token.</summary>
    public async Task<AccessTokenDto> GetTokenAsync(CancellationToken cancellationToken) =>
        (await GetAsync(Root.Resolve("personal_access_tokens/self"), GitLabJsonContext.Default.AccessTokenDto, conditional: false, cancellationToken)).Value;

    /// <summary>
    /// <c>GET /projects?membership=true</c>: the projects the token's user is a member of (directly or through a group),
    /// with keyset paging, the only way GitLab serves more than 50,000 of them.
    /// </summary>
    public Task<IReadOnlyList<ProjectDto>> ListMemberProjectsAsync(CancellationToken cancellationToken) =>
        GetAllAsync(
            Root.Resolve($"projects?membership=true&order_by=id&sort=asc&pagination=keyset&per_page={MaxPerPage}"),
            GitLabJsonContext.Default.IReadOnlyListProjectDto,
            ProjectPageCap,
            cancellationToken);

    /// <summary><c>GET /groups/:id/projects?include_subgroups=true</c>: a group's projects and its subgroups' (page paging: no keyset here).</summary>
    public Task<IReadOnlyList<ProjectDto>> ListGroupProjectsAsync(string groupPath, CancellationToken cancellationToken) =>
        GetAllAsync(
            Root.Resolve($"groups/{Uri.EscapeDataString(groupPath)}/projects?include_subgroups=true&order_by=id&sort=asc&per_page={MaxPerPage}"),
            GitLabJsonContext.Default.IReadOnlyListProjectDto,
            ProjectPageCap,
            cancellationToken);

    /// <summary><c>GET /projects/:id</c>, by numeric id or by path (<c>group/sub/project</c>, escaped as one segment).</summary>
    public async Task<ProjectDto> GetProjectAsync(string idOrPath, CancellationToken cancellationToken) =>
        (await GetAsync(Root.Resolve($"projects/{Uri.EscapeDataString(idOrPath)}"), GitLabJsonContext.Default.ProjectDto, conditional: true, cancellationToken)).Value;

    /// <summary>
    /// The first page of <c>GET /projects/:id/pipelines</c>, newest first: the project's runs (child pipelines excluded,
    /// as GitLab excludes them unless asked), on one ref when <paramref name="gitRef"/> is given.
    /// </summary>
    public async Task<IReadOnlyList<PipelineDto>> ListPipelinesAsync(long projectId, int perPage, string? gitRef, CancellationToken cancellationToken)
    {
        var query = $"per_page={Math.Clamp(perPage, 1, MaxPerPage).ToString(CultureInfo.InvariantCulture)}"
            + (gitRef is null ? string.Empty : $"&ref={Uri.EscapeDataString(gitRef)}");
        var url = Root.Resolve($"projects/{Id(projectId)}/pipelines?{query}");
        return (await GetAsync(url, GitLabJsonContext.Default.IReadOnlyListPipelineDto, conditional: true, cancellationToken)).Value;
    }

    /// <summary><c>GET /projects/:id/pipelines/:pipeline_id</c>: with user, start and finish times and the detailed status.</summary>
    public async Task<PipelineDto> GetPipelineAsync(long projectId, long pipelineId, CancellationToken cancellationToken) =>
        (await GetAsync(Root.Resolve($"projects/{Id(projectId)}/pipelines/{Id(pipelineId)}"), GitLabJsonContext.Default.PipelineDto, conditional: true, cancellationToken)).Value;

    /// <summary><c>GET /projects/:id/pipelines/:pipeline_id/jobs</c> (latest try of each job), every page up to <see cref="PageCap"/>.</summary>
    public Task<IReadOnlyList<JobDto>> ListJobsAsync(long projectId, long pipelineId, CancellationToken cancellationToken) =>
        GetAllAsync(
            Root.Resolve($"projects/{Id(projectId)}/pipelines/{Id(pipelineId)}/jobs?per_page={MaxPerPage}"),
            GitLabJsonContext.Default.IReadOnlyListJobDto,
            PageCap,
            cancellationToken);

    /// <summary><c>GET /projects/:id/jobs/:job_id</c>.</summary>
    public async Task<JobDto> GetJobAsync(long projectId, long jobId, CancellationToken cancellationToken) =>
        (await GetAsync(Root.Resolve($"projects/{Id(projectId)}/jobs/{Id(jobId)}"), GitLabJsonContext.Default.JobDto, conditional: false, cancellationToken)).Value;

    /// <summary>Walks a list's pages (<see cref="LinkPaging"/>), each a conditional request.</summary>
    private Task<IReadOnlyList<T>> GetAllAsync<T>(Uri firstPage, JsonTypeInfo<IReadOnlyList<T>> typeInfo, int pageCap, CancellationToken cancellationToken) =>
        LinkPaging.ReadAllAsync(
            firstPage,
            async (url, token) =>
            {
                var response = await GetAsync(url, typeInfo, conditional: true, token);
                return new Page<T>(response.Value, response.NextLink);
            },
            pageCap,
            Root,
            Provider,
            () => LogPageCapReached(logger, Root.Display(HttpMethod.Get, firstPage), pageCap),
            cancellationToken);

    private Task<ApiResponse<T>> GetAsync<T>(Uri url, JsonTypeInfo<T> typeInfo, bool conditional, CancellationToken cancellationToken) =>
        SendAsync(new ApiCall(HttpMethod.Get, url, conditional), (_, body, display) => Deserialize(body, typeInfo, display), cancellationToken);

    /// <summary>
    /// The one path every request takes, GET, POST or PUT: the token header (the only place the token is revealed), a
    /// JSON body, conditional validators (GETs), the rate limit of every response, and every failure as a
    /// <see cref="ProviderException"/>. Redirects are not followed: the API does not redirect, and a server that does
    /// (http to https, a moved instance) is misconfigured, which is said rather than sending the token elsewhere.
    /// Nothing is retried here: a POST is sent exactly once.
    /// </summary>
    /// <param name="read">Reads a successful answer (GET: 200; otherwise any 2xx) from its status and body.</param>
    private async Task<ApiResponse<T>> SendAsync<T>(ApiCall call, Func<HttpResponseMessage, byte[], string, T> read, CancellationToken cancellationToken)
    {
        var display = Root.Display(call.Method, call.Url);
        var conditional = call.Conditional && call.Method == HttpMethod.Get;
        try
        {
            using var client = httpClientFactory.CreateClient(GitLabPlugin.HttpClientName);
            using var request = new HttpRequestMessage(call.Method, call.Url);
            if (bearer)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Reveal());
            }
            else
            {
                request.Headers.Add("PRIVATE-TOKEN", token.Reveal());
            }

            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.UserAgent.Add(ProviderHttpHandler.UserAgent);
            if (call.JsonBody is { } json)
            {
                request.Content = new ByteArrayContent(json);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }

            var cached = conditional ? _cache.AddValidators(request) : null;

            // The whole body is read inside the send, so the host's timeouts cover a body that stalls.
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (RateLimitHeaders.Read(response.Headers, RateLimitNames, time.GetUtcNow()) is { } budget)
            {
                rateLimits.Observe(budget);
            }

            if (response.StatusCode == HttpStatusCode.NotModified && cached is not null)
            {
                return new ApiResponse<T>(read(response, cached.Body, display), cached.NextLink, response.StatusCode);
            }

            if (call.Method == HttpMethod.Get ? response.StatusCode == HttpStatusCode.OK : response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var value = read(response, body, display);
                if (conditional)
                {
                    // Only a body that was read is kept: a 304 must never bring back an answer that failed.
                    _cache.Store(call.Url, response, body);
                }

                return new ApiResponse<T>(value, NextPage(response), response.StatusCode);
            }

            throw await CreateErrorAsync(response, display, call.Refusal, cancellationToken);
        }
        catch (Exception exception) when (ProviderFailures.Translate(exception, Provider, display, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// The next page: <c>Link: rel="next"</c>, which GitLab sends for both paging kinds; failing that, the request's URL
    /// with <c>page</c> set to <c>X-Next-Page</c> (empty on the last page).
    /// </summary>
    private static Uri? NextPage(HttpResponseMessage response)
    {
        if (LinkHeader.FindNext(response) is { } link)
        {
            return link;
        }

        if (ResponseHeaders.ReadLong(response.Headers, "X-Next-Page") is not { } page || response.RequestMessage?.RequestUri is not { } current)
        {
            return null;
        }

        var query = string.Join('&', current.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !pair.StartsWith("page=", StringComparison.Ordinal))
            .Append($"page={page.ToString(CultureInfo.InvariantCulture)}"));
        return new UriBuilder(current) { Query = query }.Uri;
    }

    private static T Deserialize<T>(byte[] body, JsonTypeInfo<T> typeInfo, string display) =>
        JsonSerializer.Deserialize(body, typeInfo)
        ?? throw new ProviderException(ProviderErrorKind.BadResponse, $"GitLab answered {display} with JSON null instead of a document.");

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Request} has more than {PageCap} pages; FlowForge read only the first {PageCap}.")]
    private static partial void LogPageCapReached(ILogger logger, string request, int pageCap);

    /// <param name="Status">What GitLab answered: 304 when the cached body was reused.</param>
    private sealed record ApiResponse<T>(T Value, Uri? NextLink, HttpStatusCode Status);

    /// <param name="Conditional">Send the cached validators (GETs only).</param>
    /// <param name="JsonBody">A UTF-8 JSON request body, serialized with the source-generated context.</param>
    /// <param name="Refusal">
    /// Tells which error answers mean "not in this state" (a job that cannot be retried, a pipeline GitLab will not
    /// create): those become <see cref="ProviderErrorKind.NotSupported"/> with GitLab's message. Never a rate limit.
    /// </param>
    private sealed record ApiCall(
        HttpMethod Method,
        Uri Url,
        bool Conditional = false,
        byte[]? JsonBody = null,
        Func<HttpStatusCode, string?, bool>? Refusal = null);
}
