using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FlowForge.Abstractions.Http;
using FlowForge.Providers.GitLab.Dtos;

namespace FlowForge.Providers.GitLab;

/// <summary>Logs, CI files, and the POSTs that start, retry, cancel and play.</summary>
internal sealed partial class GitLabApiClient
{
    /// <summary>CI files are UTF-8; a broken byte becomes U+FFFD rather than failing the read.</summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>
    /// <c>GET /projects/:id/jobs/:job_id/trace</c>: the raw log, complete or as far as a running job got (an empty
    /// text before it started), streamed and kept to its last <see cref="TextTail.MaxLogBytes"/>.
    /// </summary>
    public async Task<string> GetTraceAsync(long projectId, long jobId, CancellationToken cancellationToken)
    {
        var url = Root.Resolve($"projects/{Id(projectId)}/jobs/{Id(jobId)}/trace");
        var response = await SendAsync(new ApiCall(HttpMethod.Get, url, Streamed: true), static (answer, token) => TextTail.ReadLogAsync(answer.Content, token), cancellationToken);
        return response.Value;
    }

    /// <summary>
    /// <c>GET /projects/:id/repository/files/:file_path/raw?ref=</c>, conditional: a CI file's text at a ref, and a hash
    /// of it that changes exactly when the content does (the same whether the body came fresh or from a 304).
    /// </summary>
    public async Task<(string Text, string Revision)> GetFileAsync(long projectId, string path, string gitRef, CancellationToken cancellationToken)
    {
        var url = Root.Resolve($"projects/{Id(projectId)}/repository/files/{Uri.EscapeDataString(path)}/raw?ref={Uri.EscapeDataString(gitRef)}");
        var response = await SendAsync(
            new ApiCall(HttpMethod.Get, url, Conditional: true),
            Bytes(static body => (Utf8.GetString(body), Convert.ToHexStringLower(SHA256.HashData(body)))),
            cancellationToken);
        return response.Value;
    }

    /// <summary>
    /// <c>POST /projects/:id/pipeline</c> with the ref, <c>variables</c> and <c>inputs</c>. GitLab's 400 (an unknown
    /// ref, inputs the CI file refuses, a configuration error) is a NotSupported carrying its message.
    /// </summary>
    public async Task<(HttpStatusCode Status, PipelineDto Pipeline)> CreatePipelineAsync(long projectId, CreatePipelineDto body, CancellationToken cancellationToken)
    {
        var call = new ApiCall(
            HttpMethod.Post,
            Root.Resolve($"projects/{Id(projectId)}/pipeline"),
            JsonBody: JsonSerializer.SerializeToUtf8Bytes(body, GitLabJsonContext.Default.CreatePipelineDto),
            Refusal: static (status, _) => status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity);
        var response = await SendAsync(call, Json(GitLabJsonContext.Default.PipelineDto), cancellationToken);
        return (response.Status, response.Value);
    }

    /// <summary><c>POST /projects/:id/pipelines/:pipeline_id/retry|cancel</c>, answered with the pipeline as it is afterwards.</summary>
    public async Task<(HttpStatusCode Status, PipelineDto Pipeline)> PostPipelineActionAsync(
        long projectId, long pipelineId, string action, CancellationToken cancellationToken)
    {
        var call = new ApiCall(HttpMethod.Post, Root.Resolve($"projects/{Id(projectId)}/pipelines/{Id(pipelineId)}/{action}"));
        var response = await SendAsync(call, Json(GitLabJsonContext.Default.PipelineDto), cancellationToken);
        return (response.Status, response.Value);
    }

    /// <summary>
    /// <c>POST /projects/:id/jobs/:job_id/retry|play</c>. GitLab refuses a job not in a state for it (403 "Job is not
    /// retryable", 400 "Unplayable Job"): a NotSupported.
    /// </summary>
    public async Task<HttpStatusCode> PostJobActionAsync(long projectId, long jobId, string action, CancellationToken cancellationToken)
    {
        var call = new ApiCall(
            HttpMethod.Post,
            Root.Resolve($"projects/{Id(projectId)}/jobs/{Id(jobId)}/{action}"),
            Refusal: static (status, message) => status == HttpStatusCode.BadRequest
                || (status == HttpStatusCode.Forbidden && message?.Contains("not retryable", StringComparison.OrdinalIgnoreCase) == true));
        var response = await SendAsync(call, static (_, _) => Task.FromResult(true), cancellationToken);
        return response.Status;
    }
}
