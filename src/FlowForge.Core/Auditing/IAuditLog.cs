namespace FlowForge.Core.Auditing;

/// <summary>The append-only audit log: there is no way to change an entry, and none to delete one but by age.</summary>
public interface IAuditLog
{
    /// <returns>The entry as stored, with its id.</returns>
    Task<AuditEntry> AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>A page of entries, newest first.</summary>
    /// <exception cref="ArgumentException">The cursor is not one this log issued.</exception>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}

/// <summary>The retention sweep's way in; kept apart from <see cref="IAuditLog"/> so nothing else can delete.</summary>
public interface IAuditRetention
{
    /// <returns>How many entries were deleted.</returns>
    Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

/// <summary>Filters (all optional, combined with AND) and cursor paging.</summary>
/// <param name="Since">Entries at or after this time.</param>
/// <param name="Until">Entries before this time.</param>
/// <param name="Cursor">The previous page's <see cref="AuditPage.NextCursor"/>.</param>
public sealed record AuditQuery(
    string? Actor = null,
    string? Action = null,
    string? InstanceId = null,
    string? PipelineKey = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    string? Cursor = null,
    int Limit = 50)
{
    public const int MaxLimit = 500;
}

/// <param name="NextCursor">Pass as the cursor for the next (older) page; null on the last page.</param>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? NextCursor);
