namespace FlowForge.Storage.Entities;

/// <summary>A row of <c>job_logs</c>: the stored log of one job (at most one per job).</summary>
internal sealed class JobLogEntity
{
    public long JobId { get; set; }

    public string Text { get; set; } = string.Empty;

    public bool IsComplete { get; set; }

    public DateTimeOffset FetchedAt { get; set; }
}
