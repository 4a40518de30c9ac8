using System.Globalization;
using System.Net.Http.Headers;
using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Providers.GitHub.Dtos;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.GitHub;

/// <summary>
/// The typed HTTP client for one GitHub instance and credential, on the shared exchange of
/// <see cref="ProviderApiClient"/>: GitHub's paths and headers, its rate-limit headers, the token scopes it reports, and
/// same-origin redirects (a renamed repository answers 301; a POST follows only 307/308, which keep method and body).
/// </summary>
/// <param name="root">The API root, e.g. <c>https://api.github.com</c> or <c>https://HOST/api/v3</c>; its path is kept.</param>
internal sealed partial class GitHubApiClient(
    IHttpClientFactory httpClientFactory,
    ApiRoot root,
    SecretValue token,
    IRateLimitObserver rateLimits,
    TimeProvider time,
    ILogger logger)
    : ProviderApiClient(httpClientFactory, GitHubPlugin.HttpClientName, "GitHub", root, rateLimits, time, logger)
{
    /// <summary>Pages followed per listing call for most lists (100 items each).</summary>
    public const int DefaultPageCap = 10;

    /// <summary>Discovery may legitimately see thousands of repositories.</summary>
    public const int RepositoryPageCap = 50;

    private const string ApiVersion = "2022-11-28";

    protected override string MediaType => "application/vnd.github+json";

    protected override bool FollowsRedirects => true;

    protected override IReadOnlyList<RateLimitHeaderNames> RateLimitBudgets { get; } = [RateLimitHeaderNames.GitHub];

    /// <summary><c>GET /user</c>, with the classic token scopes from <c>X-OAuth-Scopes</c> (none for fine-grained tokens).</summary>
    public async Task<(UserDto User, IReadOnlyList<string> Scopes)> GetAuthenticatedUserAsync(CancellationToken cancellationToken)
    {
        var readUser = Json(GitHubJsonContext.Default.UserDto);
        var response = await SendAsync(
            new ApiCall(HttpMethod.Get, Root.Resolve("user")),
            async (answer, token) => (await readUser(answer, token), ReadScopes(answer.Headers)),
            cancellationToken);
        return response.Value;
    }

    /// <summary><c>GET /user/repos</c>, every page up to <see cref="RepositoryPageCap"/>.</summary>
    public Task<IReadOnlyList<RepositoryDto>> ListRepositoriesAsync(CancellationToken cancellationToken) =>
        GetAllAsync(Root.Resolve("user/repos?per_page=100"), GitHubJsonContext.Default.IReadOnlyListRepositoryDto, RepositoryPageCap, cancellationToken);

    /// <summary><c>GET /repos/{owner}/{repo}/actions/workflows</c>, every page up to <see cref="DefaultPageCap"/>.</summary>
    public Task<IReadOnlyList<WorkflowDto>> ListWorkflowsAsync(string repository, CancellationToken cancellationToken) =>
        GetAllAsync(
            Root.Resolve($"repos/{RepositoryPath(repository)}/actions/workflows?per_page=100"),
            GitHubJsonContext.Default.WorkflowListDto,
            static page => page.Workflows,
            DefaultPageCap,
            cancellationToken);

    /// <summary>The first page of <c>GET /repos/{owner}/{repo}/actions/runs</c>: the newest runs of every workflow.</summary>
    public async Task<IReadOnlyList<WorkflowRunDto>> ListRecentRunsAsync(string repository, int perPage, CancellationToken cancellationToken)
    {
        var url = Root.Resolve($"repos/{RepositoryPath(repository)}/actions/runs?per_page={perPage.ToString(CultureInfo.InvariantCulture)}");
        var response = await GetAsync(url, GitHubJsonContext.Default.WorkflowRunListDto, conditional: true, cancellationToken);
        return response.Value.WorkflowRuns;
    }

    /// <summary><c>GET /repos/{owner}/{repo}/actions/runs/{run_id}</c>.</summary>
    public async Task<WorkflowRunDto> GetRunAsync(string repository, long runId, CancellationToken cancellationToken)
    {
        var url = Root.Resolve($"repos/{RepositoryPath(repository)}/actions/runs/{runId.ToString(CultureInfo.InvariantCulture)}");
        var response = await GetAsync(url, GitHubJsonContext.Default.WorkflowRunDto, conditional: true, cancellationToken);
        return response.Value;
    }

    /// <summary><c>GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs</c> (latest attempt), every page up to <see cref="DefaultPageCap"/>.</summary>
    public Task<IReadOnlyList<JobDto>> ListJobsAsync(string repository, long runId, CancellationToken cancellationToken) =>
        GetAllAsync(
            Root.Resolve($"repos/{RepositoryPath(repository)}/actions/runs/{runId.ToString(CultureInfo.InvariantCulture)}/jobs?per_page=100"),
            GitHubJsonContext.Default.JobListDto,
            static page => page.Jobs,
            DefaultPageCap,
            cancellationToken);

    protected override void Authorize(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Reveal());
        request.Headers.Add("X-GitHub-Api-Version", ApiVersion);
    }

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

    private static IReadOnlyList<string> ReadScopes(HttpResponseHeaders headers) =>
        headers.TryGetValues("X-OAuth-Scopes", out var values)
            ? [.. values.SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]
            : [];
}
