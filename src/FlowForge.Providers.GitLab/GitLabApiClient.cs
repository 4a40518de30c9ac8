using System.Globalization;
using System.Net.Http.Headers;
using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Providers.GitLab.Dtos;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.GitLab;

/// <summary>
/// The typed HTTP client for one GitLab instance and credential, on the shared exchange of
/// <see cref="ProviderApiClient"/>: GitLab's paths, the token header, paging (keyset where GitLab offers it, pages
/// elsewhere) and GitLab's throttle headers. Redirects are not followed: the API does not redirect, and a server that
/// does (http to https, a moved instance) is misconfigured, which is said rather than sending the token elsewhere.
/// </summary>
/// <param name="bearer">Send the token as <c>Authorization: Bearer</c> (an OAuth token) instead of <c>PRIVATE-TOKEN</c>.</param>
internal sealed partial class GitLabApiClient(
    IHttpClientFactory httpClientFactory, ApiRoot root, SecretValue token, bool bearer, IRateLimitObserver rateLimits, TimeProvider time, ILogger logger)
    : ProviderApiClient(httpClientFactory, GitLabPlugin.HttpClientName, "GitLab", root, rateLimits, time, logger)
{
    /// <summary>Pages followed for most lists (100 items each).</summary>
    public const int PageCap = 10;

    /// <summary>Discovery may legitimately see thousands of projects.</summary>
    public const int ProjectPageCap = 50;

    /// <summary>GitLab's largest page.</summary>
    public const int MaxPerPage = 100;

    /// <summary>GitLab's throttle headers; <c>RateLimit-Name</c> names the throttle (<c>throttle_authenticated_api</c>).</summary>
    private static readonly RateLimitHeaderNames RateLimitNames = RateLimitHeaderNames.Draft(RateLimitReset.UnixSeconds) with { Resource = "RateLimit-Name" };

    public bool UsesOAuthToken => bearer;

    protected override IReadOnlyList<RateLimitHeaderNames> RateLimitBudgets { get; } = [RateLimitNames];

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

    protected override void Authorize(HttpRequestMessage request)
    {
        if (bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Reveal());
        }
        else
        {
            request.Headers.Add("PRIVATE-TOKEN", token.Reveal());
        }
    }

    /// <summary>
    /// The next page: <c>Link: rel="next"</c>, which GitLab sends for both paging kinds; failing that, the request's URL
    /// with <c>page</c> set to <c>X-Next-Page</c> (empty on the last page).
    /// </summary>
    protected override Uri? NextLink(HttpResponseMessage response)
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

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
