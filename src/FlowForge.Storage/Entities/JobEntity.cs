using FlowForge.Abstractions.Domain;

namespace FlowForge.Storage.Entities;

/// <summary>A row of <c>jobs</c>; its natural key is (run id, native id).</summary>
internal sealed class JobEntity
{
    public long Id { get; set; }

    public long RunId { get; set; }

    public string NativeId { get; set; } = string.Empty;

    /// <summary>The job's position in the provider's list, so jobs read back in the provider's order.</summary>
    public int Ordinal { get; set; }

    public string Name { get; set; } = string.Empty;

    public RunStatus Status { get; set; }

    public string ProviderStatus { get; set; } = string.Empty;

    public string? Stage { get; set; }

    public string? Runner { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? WebUrl { get; set; }

    public List<StepEntity> Steps { get; set; } = [];
}
