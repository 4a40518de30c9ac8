namespace FlowForge.Storage.Entities;

/// <summary>
/// A row of <c>audit_entries</c>. Append-only: a trigger refuses updates, and rows are deleted only by the retention
/// sweep. No foreign keys: an entry outlives the instance, pipeline, run or key it names.
/// </summary>
internal sealed class AuditEntryEntity
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string Actor { get; set; } = string.Empty;

    public string? ActorKeyId { get; set; }

    public string Action { get; set; } = string.Empty;

    public string? InstanceId { get; set; }

    public string? PipelineKey { get; set; }

    public string? RunId { get; set; }

    /// <summary>Masked parameters as a JSON object.</summary>
    public string ParametersJson { get; set; } = "{}";

    public string Outcome { get; set; } = string.Empty;

    public int StatusCode { get; set; }

    public int? UpstreamStatusCode { get; set; }

    public string? Detail { get; set; }
}
