namespace FlowForge.Abstractions.Domain;

/// <summary>
/// Something a token can see and a user can choose to watch: a repository, a project, an organization's
/// pipelines. Its pipelines come from <see cref="Providers.IPipelineSource"/>.
/// </summary>
/// <param name="Id">
/// The provider's stable name for it (GitHub: <c>owner/repo</c>); the <see cref="Pipeline.Repository"/> of its
/// pipelines, and the unit the sync engine polls (one request per source per cycle at most).
/// </param>
/// <param name="Version">
/// Changes whenever the source's pipelines may have changed (GitHub: the last push); the sync engine asks
/// for the pipelines of a source again only when this changed. Null: always ask.
/// </param>
public sealed record WatchableSource(
    string Id,
    string Name,
    string? Description,
    string? DefaultBranch,
    Uri? WebUrl,
    bool IsArchived,
    string? Version = null);
