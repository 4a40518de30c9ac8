using FlowForge.Abstractions.Domain;

namespace FlowForge.Core.Persistence;

/// <summary>The read side behind the API: only the local store, never a provider.</summary>
public interface IPipelineReader
{
    /// <summary>Every stored pipeline with its latest run (by creation time), for the read model.</summary>
    Task<IReadOnlyList<PipelineSummary>> ListPipelineSummariesAsync(CancellationToken cancellationToken);

    Task<Pipeline?> FindPipelineAsync(PipelineKey key, CancellationToken cancellationToken);

    /// <summary>Runs of one pipeline, newest first, with cursor paging.</summary>
    Task<RunPage> ListRunsAsync(PipelineKey key, RunQuery query, CancellationToken cancellationToken);

    Task<RunDetail?> FindRunAsync(PipelineKey key, string runNativeId, CancellationToken cancellationToken);

    Task<JobLog?> FindJobLogAsync(PipelineKey key, string runNativeId, string jobNativeId, CancellationToken cancellationToken);

    /// <summary>Keeps a finished job's log so later reads need no provider call.</summary>
    Task SaveJobLogAsync(PipelineKey key, string runNativeId, string jobNativeId, JobLog log, CancellationToken cancellationToken);
}

public sealed record PipelineSummary(Pipeline Pipeline, Run? LatestRun);

/// <param name="Cursor">Opaque; from the previous page's <see cref="RunPage.NextCursor"/>.</param>
/// <param name="Actor">Only runs by this actor, ignoring case (logins are case-insensitive on every provider).</param>
/// <param name="Since">Only runs created at or after this time.</param>
/// <param name="Until">Only runs created before this time.</param>
public sealed record RunQuery(
    int Limit,
    string? Cursor,
    RunStatus? Status,
    string? Branch,
    string? Actor = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null);

public sealed record RunPage(IReadOnlyList<Run> Runs, string? NextCursor);
