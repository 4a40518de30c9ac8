using System.Globalization;
using System.Net;
using System.Text.Json;
using FlowForge.Abstractions.Http;
using FlowForge.Providers.GitHub.Dtos;

namespace FlowForge.Providers.GitHub;

/// <summary>Workflow files, dispatches, re-runs and cancellations.</summary>
internal sealed partial class GitHubApiClient
{
    /// <summary>Run lists fetched to find a dispatched run: the newest few are enough.</summary>
    private const int DispatchedRunsPerPage = 10;

    /// <summary><c>GET /repos/{owner}/{repo}</c>.</summary>
    public async Task<RepositoryDto> GetRepositoryAsync(string repository, CancellationToken cancellationToken)
    {
        var response = await GetAsync(Root.Resolve($"repos/{RepositoryPath(repository)}"), GitHubJsonContext.Default.RepositoryDto, conditional: true, cancellationToken);
        return response.Value;
    }

    /// <summary><c>GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}</c>.</summary>
    public async Task<WorkflowDto> GetWorkflowAsync(string repository, long workflowId, CancellationToken cancellationToken)
    {
        var url = Root.Resolve($"repos/{RepositoryPath(repository)}/actions/workflows/{Id(workflowId)}");
        var response = await GetAsync(url, GitHubJsonContext.Default.WorkflowDto, conditional: true, cancellationToken);
        return response.Value;
    }

    /// <summary>
    /// <c>GET /repos/{owner}/{repo}/contents/{path}?ref=</c>, conditional: an unchanged file costs a free 304, and its
    /// <c>sha</c> tells whether anything needs parsing again.
    /// </summary>
    public async Task<ContentFileDto> GetFileAsync(string repository, string path, string gitRef, CancellationToken cancellationToken)
    {
        var escapedPath = string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.EscapeDataString));
        var url = Root.Resolve($"repos/{RepositoryPath(repository)}/contents/{escapedPath}?ref={Uri.EscapeDataString(gitRef)}");
        var response = await GetAsync(url, GitHubJsonContext.Default.ContentFileDto, conditional: true, cancellationToken);
        return response.Value;
    }

    /// <summary>
    /// <c>POST …/actions/workflows/{workflow_id}/dispatches</c> asking for <c>return_run_details</c>. A 422 (GitHub
    /// disagrees with the ref or the inputs, or the workflow has no <c>workflow_dispatch</c>) is a NotSupported.
    /// </summary>
    /// <returns>GitHub's status and, when it answered 200, the new run; a server without <c>return_run_details</c> answers 204.</returns>
    public async Task<(HttpStatusCode Status, DispatchResponseDto? Run)> DispatchWorkflowAsync(
        string repository, long workflowId, string gitRef, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellationToken)
    {
        var url = Root.Resolve($"repos/{RepositoryPath(repository)}/actions/workflows/{Id(workflowId)}/dispatches");
        var body = JsonSerializer.SerializeToUtf8Bytes(new DispatchRequestDto(gitRef, inputs, ReturnRunDetails: true), GitHubJsonContext.Default.DispatchRequestDto);
        var response = await SendAsync(
            new ApiCall(HttpMethod.Post, url, JsonBody: body, Refusal: static (status, _) => status == HttpStatusCode.UnprocessableEntity),
            static async (answer, token) => answer.Status == HttpStatusCode.OK ? ReadDispatchResponse(await answer.Content.ReadAsByteArrayAsync(token)) : null,
            cancellationToken);
        return (response.Status, response.Value);
    }

    /// <summary>
    /// The newest <c>workflow_dispatch</c> runs of a workflow on a branch or tag (one page of
    /// <see cref="DispatchedRunsPerPage"/>, conditional), to find the run a dispatch started.
    /// </summary>
    public async Task<IReadOnlyList<WorkflowRunDto>> ListDispatchedRunsAsync(string repository, long workflowId, string branch, CancellationToken cancellationToken)
    {
        var url = Root.Resolve($"repos/{RepositoryPath(repository)}/actions/workflows/{Id(workflowId)}/runs"
            + $"?event=workflow_dispatch&branch={Uri.EscapeDataString(branch)}&per_page={DispatchedRunsPerPage}");
        var response = await GetAsync(url, GitHubJsonContext.Default.WorkflowRunListDto, conditional: true, cancellationToken);
        return response.Value.WorkflowRuns;
    }

    /// <summary>
    /// A bodiless action on a run or job (<c>…/runs/{id}/rerun</c>, <c>…/cancel</c>, <c>…/jobs/{id}/rerun</c>), sent
    /// exactly once. Answers <paramref name="refusal"/> names become NotSupported.
    /// </summary>
    /// <param name="relativePath">Under <c>/repos/{owner}/{repo}/</c>, like <c>actions/runs/123/cancel</c>.</param>
    /// <returns>GitHub's status (201 for a re-run, 202 for a cancellation).</returns>
    public async Task<HttpStatusCode> PostActionAsync(
        string repository, string relativePath, Func<HttpStatusCode, string?, bool> refusal, CancellationToken cancellationToken)
    {
        var url = Root.Resolve($"repos/{RepositoryPath(repository)}/{relativePath}");
        var response = await SendAsync(new ApiCall(HttpMethod.Post, url, Refusal: refusal), static (_, _) => Task.FromResult(true), cancellationToken);
        return response.Status;
    }

    /// <summary>
    /// The run a 200 names; null when the body is not what the schema promises. The dispatch happened either way, so
    /// an unreadable body must not turn it into a failure (the caller would dispatch again): the run is then looked for.
    /// </summary>
    private static DispatchResponseDto? ReadDispatchResponse(byte[] content)
    {
        try
        {
            return content.Length == 0 ? null : JsonSerializer.Deserialize(content, GitHubJsonContext.Default.DispatchResponseDto);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
