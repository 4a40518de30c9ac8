namespace FlowForge.Providers.GitHub.Dtos;

/// <summary>A workflow (<c>#/components/schemas/workflow</c>).</summary>
internal sealed record WorkflowDto(long Id, string Name, string Path, string State, string HtmlUrl);

/// <summary><c>GET /repos/{owner}/{repo}/actions/workflows</c>.</summary>
internal sealed record WorkflowListDto(IReadOnlyList<WorkflowDto> Workflows);
