namespace FlowForge.Providers.GitHub.Dtos;

/// <summary>A workflow run (<c>#/components/schemas/workflow-run</c>).</summary>
/// <param name="Status">Nullable in the schema; <c>completed</c> once <paramref name="Conclusion"/> is set.</param>
/// <param name="DisplayTitle">Missing on older GitHub Enterprise Server versions.</param>
internal sealed record WorkflowRunDto(
    long Id,
    long RunNumber,
    long WorkflowId,
    string HeadSha,
    string Event,
    string HtmlUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Name = null,
    string? HeadBranch = null,
    int? RunAttempt = null,
    string? Status = null,
    string? Conclusion = null,
    string? DisplayTitle = null,
    DateTimeOffset? RunStartedAt = null,
    UserDto? Actor = null,
    UserDto? TriggeringActor = null,
    CommitDto? HeadCommit = null);

/// <summary>The run's <c>head_commit</c> (<c>#/components/schemas/nullable-simple-commit</c>).</summary>
internal sealed record CommitDto(string? Message = null, CommitAuthorDto? Author = null);

internal sealed record CommitAuthorDto(string? Name = null, string? Email = null);

/// <summary><c>GET /repos/{owner}/{repo}/actions/runs</c>.</summary>
internal sealed record WorkflowRunListDto(IReadOnlyList<WorkflowRunDto> WorkflowRuns);
