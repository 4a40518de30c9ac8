using FlowForge.Abstractions.Domain;

namespace FlowForge.Web.Components.Pipelines;

/// <summary>The statuses people filter and count by: ten provider-neutral statuses fold into six answers to "how is it?".</summary>
public enum StatusBucket
{
    Failed,
    Running,
    Queued,
    Succeeded,
    Cancelled,
    NoRuns,
}

public static class StatusBuckets
{
    /// <summary>In the order a person scans for trouble: broken first, quiet last.</summary>
    public static IReadOnlyList<StatusBucket> All { get; } = Enum.GetValues<StatusBucket>();

    public static StatusBucket Of(RunStatus? status) => status switch
    {
        RunStatus.Failed => StatusBucket.Failed,
        RunStatus.Running or RunStatus.Canceling => StatusBucket.Running,
        RunStatus.Queued or RunStatus.Waiting => StatusBucket.Queued,
        RunStatus.Succeeded or RunStatus.SucceededWithWarnings => StatusBucket.Succeeded,
        RunStatus.Cancelled or RunStatus.Skipped => StatusBucket.Cancelled,
        _ => StatusBucket.NoRuns,
    };

    public static string Label(this StatusBucket bucket) => bucket switch
    {
        StatusBucket.Failed => "Failed",
        StatusBucket.Running => "Running",
        StatusBucket.Queued => "Queued",
        StatusBucket.Succeeded => "Succeeded",
        StatusBucket.Cancelled => "Cancelled",
        _ => "No runs",
    };

    /// <summary>The value in URLs and <c>data-</c> attributes: <c>failed</c>, <c>running</c>, …, <c>none</c>.</summary>
    public static string Slug(this StatusBucket bucket) => bucket == StatusBucket.NoRuns ? "none" : bucket.ToString().ToLowerInvariant();

    public static StatusBucket? Parse(string? slug) =>
        All.Cast<StatusBucket?>().FirstOrDefault(bucket => string.Equals(bucket!.Value.Slug(), slug?.Trim(), StringComparison.OrdinalIgnoreCase));
}
