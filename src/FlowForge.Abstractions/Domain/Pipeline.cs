namespace FlowForge.Abstractions.Domain;

/// <summary>A watched pipeline: a GitHub workflow, a GitLab project's CI, a Buildkite pipeline, a Jenkins job.</summary>
/// <param name="Repository">The repository or project the pipeline belongs to, in the provider's own notation.</param>
/// <param name="Extras">Small provider-specific facts the provider needs again later (never a dump of the payload).</param>
public sealed record Pipeline(
    PipelineKey Key,
    string Name,
    string Repository,
    string? DefaultBranch,
    Uri? WebUrl,
    string? FilePath,
    IReadOnlyDictionary<string, string> Extras)
{
    public static IReadOnlyDictionary<string, string> NoExtras { get; } = new Dictionary<string, string>();
}
