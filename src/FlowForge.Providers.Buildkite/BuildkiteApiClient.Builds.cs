using System.Net;
using System.Text.Json;
using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.Buildkite.Dtos;

namespace FlowForge.Providers.Buildkite;

/// <summary>Builds (with their jobs embedded), job logs, and the actions on builds and jobs.</summary>
internal sealed partial class BuildkiteApiClient
{
    /// <summary>
    /// The first page of <c>GET /organizations/{org}/pipelines/{slug}/builds</c>, newest first, jobs embedded (so a
    /// build's jobs never cost a request of their own), without the pipeline object the caller already knows.
    /// </summary>
    public async Task<IReadOnlyList<BuildDto>> ListPipelineBuildsAsync(string slug, int perPage, CancellationToken cancellationToken)
    {
        var url = Root.Resolve($"{PipelinePath(slug)}/builds?per_page={Math.Clamp(perPage, 1, MaxPerPage)}&exclude_pipeline=true");
        return (await GetAsync(url, BuildkiteJsonContext.Default.IReadOnlyListBuildDto, conditional: true, cancellationToken)).Value;
    }

    /// <summary>
    /// <c>GET /organizations/{org}/builds</c>: the organization's newest builds across its pipelines, 100 a page with
    /// jobs embedded, page after page while <paramref name="wantsMore"/> says so after a page, at most <paramref name="pageCap"/>.
    /// </summary>
    /// <returns>The builds, and false when the cap stopped the walk before <paramref name="wantsMore"/> did.</returns>
    public Task<(IReadOnlyList<BuildDto> Builds, bool Complete)> ListOrganizationBuildsAsync(
        Func<IReadOnlyList<BuildDto>, bool> wantsMore, int pageCap, CancellationToken cancellationToken) =>
        GetPagesAsync(
            Root.Resolve($"{OrganizationPath}/builds?per_page={MaxPerPage}"), BuildkiteJsonContext.Default.IReadOnlyListBuildDto, static page => page, pageCap, wantsMore, cancellationToken);

    /// <summary><c>GET …/pipelines/{slug}/builds/{number}</c>, jobs embedded.</summary>
    public async Task<BuildDto> GetBuildAsync(string slug, long number, CancellationToken cancellationToken) =>
        (await GetAsync(Root.Resolve(BuildPath(slug, number)), BuildkiteJsonContext.Default.BuildDto, conditional: true, cancellationToken)).Value;

    /// <summary>
    /// <c>GET …/builds/{number}/jobs/{id}/log.txt</c>: the raw log, complete or as far as a running job got, streamed and
    /// kept to its last <see cref="TextTail.MaxLogBytes"/>.
    /// </summary>
    public async Task<string> GetJobLogAsync(string slug, long number, string jobId, CancellationToken cancellationToken)
    {
        var url = Root.Resolve($"{BuildPath(slug, number)}/jobs/{Segment(jobId, "job id")}/log.txt");
        var response = await SendAsync(
            new ApiCall(HttpMethod.Get, url, Accept: "text/plain", Streamed: true),
            static (answer, token) => TextTail.ReadLogAsync(answer.Content, token),
            cancellationToken);
        return response.Value;
    }

    /// <summary><c>POST …/pipelines/{slug}/builds</c> (201 with the new build); Buildkite's 422 (a rejected branch or commit) is a NotSupported.</summary>
    public async Task<(BuildDto Build, int Status)> CreateBuildAsync(string slug, CreateBuildDto body, CancellationToken cancellationToken)
    {
        var call = new ApiCall(
            HttpMethod.Post,
            Root.Resolve($"{PipelinePath(slug)}/builds"),
            JsonBody: JsonSerializer.SerializeToUtf8Bytes(body, BuildkiteJsonContext.Default.CreateBuildDto),
            Refusal: static (status, _) => status == HttpStatusCode.UnprocessableEntity);
        var response = await SendAsync(call, Json(BuildkiteJsonContext.Default.BuildDto), cancellationToken);
        return (response.Value, (int)response.Status);
    }

    /// <summary>
    /// <c>PUT …/builds/{number}/{action}</c> (<c>cancel</c>, <c>rebuild</c>, <c>retry_failed_jobs</c>), sent once; answers
    /// <paramref name="refusal"/> names become NotSupported.
    /// </summary>
    /// <returns>The build Buildkite answered with (the new one for a rebuild) and its status code.</returns>
    public async Task<(BuildDto Build, int Status)> PutBuildActionAsync(
        string slug, long number, string action, Func<HttpStatusCode, string?, bool> refusal, CancellationToken cancellationToken)
    {
        var call = new ApiCall(HttpMethod.Put, Root.Resolve($"{BuildPath(slug, number)}/{action}"), Refusal: refusal);
        var response = await SendAsync(call, Json(BuildkiteJsonContext.Default.BuildDto), cancellationToken);
        return (response.Value, (int)response.Status);
    }

    /// <summary><c>PUT …/builds/{number}/jobs/{id}/{action}</c> (<c>retry</c>, <c>unblock</c>), sent once.</summary>
    /// <returns>The job Buildkite answered with (the new job for a retry) and its status code.</returns>
    public async Task<(JobDto Job, int Status)> PutJobActionAsync(
        string slug, long number, string jobId, string action, UnblockDto? body, Func<HttpStatusCode, string?, bool> refusal, CancellationToken cancellationToken)
    {
        var call = new ApiCall(
            HttpMethod.Put,
            Root.Resolve($"{BuildPath(slug, number)}/jobs/{Segment(jobId, "job id")}/{action}"),
            JsonBody: body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, BuildkiteJsonContext.Default.UnblockDto),
            Refusal: refusal);
        var response = await SendAsync(call, Json(BuildkiteJsonContext.Default.JobDto), cancellationToken);
        return (response.Value, (int)response.Status);
    }

    private string BuildPath(string slug, long number) =>
        number > 0
            ? $"{PipelinePath(slug)}/builds/{Number(number)}"
            : throw new ProviderException(ProviderErrorKind.NotFound, $"{number} is not a Buildkite build number.");
}
