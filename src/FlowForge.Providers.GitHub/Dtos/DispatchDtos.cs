namespace FlowForge.Providers.GitHub.Dtos;

/// <summary>The body of <c>POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches</c>.</summary>
/// <param name="Inputs">Values as strings, as GitHub accepts them for every input type.</param>
/// <param name="ReturnRunDetails">Ask for 200 with the new run's ids instead of 204.</param>
internal sealed record DispatchRequestDto(string Ref, IReadOnlyDictionary<string, string> Inputs, bool ReturnRunDetails);

/// <summary>The 200 answer to a dispatch with <c>return_run_details</c> (<c>#/components/schemas/workflow-dispatch-response</c>).</summary>
internal sealed record DispatchResponseDto(long WorkflowRunId, string? RunUrl = null, string? HtmlUrl = null);
