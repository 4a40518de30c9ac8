using FlowForge.Abstractions.Domain;

namespace FlowForge.Storage.Entities;

/// <summary>A row of <c>runs</c>; its natural key is (instance id, native id).</summary>
internal sealed class RunEntity
{
    public long Id { get; set; }

    public long PipelineId { get; set; }

    public PipelineEntity? Pipeline { get; set; }

    /// <summary>The pipeline's instance, kept on the run for the natural key and the per-instance queries.</summary>
    public string InstanceId { get; set; } = string.Empty;

    public string NativeId { get; set; } = string.Empty;

    public long Number { get; set; }

    public int Attempt { get; set; }

    public RunStatus Status { get; set; }

    public string ProviderStatus { get; set; } = string.Empty;

    public string? Title { get; set; }

    public string? Event { get; set; }

    public string? Actor { get; set; }

    public string? Branch { get; set; }

    public string? CommitSha { get; set; }

    public string? CommitMessage { get; set; }

    public string? CommitAuthorName { get; set; }

    public string? CommitAuthorEmail { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public string? WebUrl { get; set; }

    /// <summary>The parameters the run ran with, as a JSON object.</summary>
    public string ParametersJson { get; set; } = "{}";

    /// <summary>
    /// The run's <see cref="Status"/> when its jobs were last stored; null when they never were. Together with
    /// <see cref="JobsSyncedForUpdatedAt"/> it is the "jobs synced for" stamp.
    /// </summary>
    public RunStatus? JobsSyncedForStatus { get; set; }

    /// <summary>The run's <see cref="UpdatedAt"/> when its jobs were last stored.</summary>
    public DateTimeOffset? JobsSyncedForUpdatedAt { get; set; }

    public List<JobEntity> Jobs { get; set; } = [];
}
