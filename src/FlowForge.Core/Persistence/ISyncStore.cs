using FlowForge.Abstractions.Domain;

namespace FlowForge.Core.Persistence;

/// <summary>
/// The write side the sync uses. Every write is an upsert by natural key: writing what is already stored
/// changes nothing (no row is touched), so a repeated sync or a replayed webhook is harmless.
/// </summary>
public interface ISyncStore
{
    Task<IReadOnlyList<Pipeline>> ListPipelinesAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the instance's stored pipelines equal to <paramref name="pipelines"/>: adds new ones, updates
    /// changed ones and removes the ones no longer listed (with their runs).
    /// </summary>
    Task<PipelineChanges> ReplacePipelinesAsync(string instanceId, IReadOnlyList<Pipeline> pipelines, CancellationToken cancellationToken);

    /// <summary>
    /// Upserts runs of the instance's stored pipelines; runs of unknown pipelines are ignored, and so is a run
    /// older than the stored one (its <see cref="Run.UpdatedAt"/> earlier): a late webhook never turns a run back.
    /// </summary>
    Task<RunChanges> UpsertRunsAsync(string instanceId, IReadOnlyList<Run> runs, CancellationToken cancellationToken);

    /// <summary>The instance's runs that are still active (queued, waiting, running, canceling).</summary>
    Task<IReadOnlyList<Run>> ListActiveRunsAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Runs whose jobs are not known for their current state: new or changed since their jobs were last
    /// stored, or still active. Newest first.
    /// </summary>
    Task<IReadOnlyList<Run>> ListRunsNeedingJobsAsync(string instanceId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a run's jobs and steps and records that they match the run's current state. Returns whether any
    /// job or step changed.
    /// </summary>
    Task<bool> ReplaceJobsAsync(PipelineKey pipeline, string runNativeId, IReadOnlyList<Job> jobs, CancellationToken cancellationToken);

    /// <summary>
    /// Upserts one job (and its steps) of a stored run, as a webhook reports it. Returns the run when the job
    /// changed, null when the run is not stored or nothing changed.
    /// </summary>
    Task<Run?> UpsertJobAsync(string instanceId, string runNativeId, Job job, CancellationToken cancellationToken);
}

public sealed record PipelineChanges(
    IReadOnlyList<PipelineKey> Added,
    IReadOnlyList<PipelineKey> Updated,
    IReadOnlyList<PipelineKey> Removed)
{
    public bool Any => Added.Count + Updated.Count + Removed.Count > 0;
}

/// <summary>Runs an upsert added or changed, each with the status it had before (null when new).</summary>
public sealed record RunChanges(IReadOnlyList<RunChange> Changed)
{
    public bool Any => Changed.Count > 0;
}

public sealed record RunChange(Run Run, RunStatus? PreviousStatus);
