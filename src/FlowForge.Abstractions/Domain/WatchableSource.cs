namespace FlowForge.Abstractions.Domain;

/// <summary>
/// Something a token can see and a user can choose to watch: a repository, a project, an organization's
/// pipelines. Its pipelines come from <see cref="Providers.IPipelineSource"/>.
/// </summary>
/// <param name="Id">The provider's stable name for it (GitHub: <c>owner/repo</c>).</param>
public sealed record WatchableSource(
    string Id,
    string Name,
    string? Description,
    string? DefaultBranch,
    Uri? WebUrl,
    bool IsArchived);
