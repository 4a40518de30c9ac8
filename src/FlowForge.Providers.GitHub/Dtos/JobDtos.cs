namespace FlowForge.Providers.GitHub.Dtos;

/// <summary>A job of a workflow run (<c>#/components/schemas/job</c>; also the <c>workflow_job</c> of a webhook delivery).</summary>
/// <param name="RunId">Required by the schema; optional here because listing a run's jobs already knows the run.</param>
internal sealed record JobDto(
    long Id,
    string Name,
    string Status,
    string? Conclusion = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? CompletedAt = null,
    string? HtmlUrl = null,
    string? RunnerName = null,
    IReadOnlyList<StepDto>? Steps = null,
    long? RunId = null);

/// <summary>A step of a job.</summary>
internal sealed record StepDto(
    int Number,
    string Name,
    string Status,
    string? Conclusion = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? CompletedAt = null);

/// <summary><c>GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs</c>.</summary>
internal sealed record JobListDto(IReadOnlyList<JobDto> Jobs);
