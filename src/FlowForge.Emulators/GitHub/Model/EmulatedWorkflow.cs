using FlowForge.Emulators.GitHub.State;

namespace FlowForge.Emulators.GitHub;

/// <summary>A read-only snapshot of a workflow.</summary>
/// <param name="Path">Like <c>.github/workflows/ci.yml</c>.</param>
/// <param name="FileContent">The workflow file (YAML), served by <c>GET /repos/{owner}/{repo}/contents/{path}</c>.</param>
public sealed record EmulatedWorkflow(
    long Id,
    long RepositoryId,
    string RepositoryFullName,
    string Name,
    string Path,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string FileContent)
{
    /// <summary>The file name, which the API accepts in place of the id.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>
    /// Whether the default branch's file declares a <c>workflow_dispatch</c> trigger, without which GitHub refuses to
    /// dispatch it (read as YAML: the <c>on</c> key in any spelling, as a string, list or map).
    /// </summary>
    public bool CanDispatch => DispatchTrigger.Parse(FileContent) is not null;
}
