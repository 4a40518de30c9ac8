namespace FlowForge.Providers.GitLab.Dtos;

/// <summary>A job of <c>GET /projects/:id/pipelines/:pipeline_id/jobs</c> (or <c>…/jobs/:job_id/retry|play</c>).</summary>
/// <param name="Commit">The pipeline's commit, with its message and author: what the pipelines list leaves out.</param>
/// <param name="Pipeline">The job's pipeline as it was when the job was read.</param>
internal sealed record JobDto(
    long Id,
    string Name,
    string Status,
    string? Stage = null,
    bool AllowFailure = false,
    DateTimeOffset? CreatedAt = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null,
    string? WebUrl = null,
    UserDto? User = null,
    JobCommitDto? Commit = null,
    RunnerDto? Runner = null,
    JobPipelineDto? Pipeline = null);

/// <summary>The <c>commit</c> of a job.</summary>
internal sealed record JobCommitDto(string Id, string? Message = null, string? Title = null, string? AuthorName = null, string? AuthorEmail = null);

/// <summary>The runner of a job; <c>description</c> is the name GitLab shows.</summary>
internal sealed record RunnerDto(string? Description = null, string? Name = null);

/// <summary>The <c>pipeline</c> of a job (<c>PipelineBasic</c>).</summary>
internal sealed record JobPipelineDto(long Id, string? Status = null, DateTimeOffset? UpdatedAt = null);
