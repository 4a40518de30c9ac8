using FlowForge.Abstractions.Domain;
using FlowForge.Core.Persistence;

namespace FlowForge.Server.Contracts;

/// <param name="Key">Stable key <c>{instanceId}/{id}</c>.</param>
public sealed record PipelineResponse(
    string Key,
    string InstanceId,
    string Id,
    string Name,
    string Repository,
    string? DefaultBranch,
    Uri? WebUrl,
    string? FilePath,
    IReadOnlyDictionary<string, string> Extras,
    RunResponse? LatestRun)
{
    public static PipelineResponse From(PipelineSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var pipeline = summary.Pipeline;
        return new PipelineResponse(
            pipeline.Key.ToString(),
            pipeline.Key.InstanceId,
            pipeline.Key.NativeId,
            pipeline.Name,
            pipeline.Repository,
            pipeline.DefaultBranch,
            pipeline.WebUrl,
            pipeline.FilePath,
            pipeline.Extras,
            summary.LatestRun is { } run ? RunResponse.From(run) : null);
    }
}

public sealed record CommitResponse(string Sha, string? Message, string? AuthorName, string? AuthorEmail);

public sealed record RunResponse(
    string Id,
    string PipelineKey,
    long Number,
    int Attempt,
    RunStatus Status,
    string ProviderStatus,
    string? Title,
    string? Event,
    string? Actor,
    string? Branch,
    CommitResponse? Commit,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? UpdatedAt,
    double? DurationSeconds,
    Uri? WebUrl,
    IReadOnlyDictionary<string, string> Parameters)
{
    public static RunResponse From(Run run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunResponse(
            run.NativeId,
            run.Pipeline.ToString(),
            run.Number,
            run.Attempt,
            run.Status,
            run.ProviderStatus,
            run.Title,
            run.Event,
            run.Actor,
            run.Branch,
            run.Commit is { } commit ? new CommitResponse(commit.Sha, commit.Message, commit.AuthorName, commit.AuthorEmail) : null,
            run.CreatedAt,
            run.StartedAt,
            run.FinishedAt,
            run.UpdatedAt,
            run.Duration?.TotalSeconds,
            run.WebUrl,
            run.Parameters);
    }
}

public sealed record StepResponse(int Number, string Name, RunStatus Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

public sealed record JobResponse(
    string Id,
    string Name,
    RunStatus Status,
    string ProviderStatus,
    string? Stage,
    string? Runner,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    double? DurationSeconds,
    Uri? WebUrl,
    IReadOnlyList<StepResponse> Steps)
{
    public static JobResponse From(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new JobResponse(
            job.NativeId,
            job.Name,
            job.Status,
            job.ProviderStatus,
            job.Stage,
            job.Runner,
            job.StartedAt,
            job.FinishedAt,
            job.StartedAt is { } start && job.FinishedAt is { } end ? (end - start).TotalSeconds : null,
            job.WebUrl,
            [.. job.Steps.Select(step => new StepResponse(step.Number, step.Name, step.Status, step.StartedAt, step.FinishedAt))]);
    }
}

public sealed record RunDetailResponse(RunResponse Run, IReadOnlyList<JobResponse> Jobs)
{
    public static RunDetailResponse From(RunDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        return new RunDetailResponse(RunResponse.From(detail.Run), [.. detail.Jobs.Select(JobResponse.From)]);
    }
}

/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
/// <param name="Total">How many items match over all pages, where known.</param>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, string? NextCursor, int? Total);
