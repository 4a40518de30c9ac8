using FlowForge.Abstractions.Domain;

namespace FlowForge.Storage.Entities;

/// <summary>A row of <c>steps</c>; its natural key is (job id, number).</summary>
internal sealed class StepEntity
{
    public long Id { get; set; }

    public long JobId { get; set; }

    public int Number { get; set; }

    public string Name { get; set; } = string.Empty;

    public RunStatus Status { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
