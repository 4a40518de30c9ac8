using System.ComponentModel.DataAnnotations;

namespace FlowForge.Core.Auditing;

public sealed class AuditOptions
{
    public const string Section = "FlowForge:Audit";

    /// <summary>Entries older than this many days are deleted, once a day.</summary>
    [Range(1, 36500)]
    public int RetentionDays { get; set; } = 365;
}
