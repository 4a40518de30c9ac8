namespace FlowForge.Providers.GitHub.Dtos;

/// <summary>
/// The body of a <c>workflow_run</c> delivery. Its <c>workflow_run</c> has the REST run's shape, so it reuses
/// <see cref="WorkflowRunDto"/>; <c>repository</c>, <c>workflow</c> and <c>sender</c> are not needed.
/// </summary>
/// <param name="Action"><c>requested</c>, <c>in_progress</c> or <c>completed</c>; the run's own status says the same.</param>
internal sealed record WorkflowRunEventDto(WorkflowRunDto WorkflowRun, string? Action = null);

/// <summary>The body of a <c>workflow_job</c> delivery; <c>workflow_job</c> has the REST job's shape, <c>run_id</c> included.</summary>
/// <param name="Action"><c>queued</c>, <c>in_progress</c>, <c>completed</c> or <c>waiting</c>.</param>
internal sealed record WorkflowJobEventDto(JobDto WorkflowJob, string? Action = null);
