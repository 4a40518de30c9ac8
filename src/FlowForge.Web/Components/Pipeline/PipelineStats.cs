using FlowForge.Abstractions.Domain;

namespace FlowForge.Web.Components.PipelineView;

/// <summary>One bar of the duration chart: a finished run and how long it took.</summary>
public sealed record DurationBar(string RunId, long Number, RunStatus Status, TimeSpan Duration, DateTimeOffset CreatedAt);

/// <summary>
/// The pipeline's recent health, from its newest finished runs: their durations (oldest first, as a chart reads),
/// the median, and the success rate. Cancelled and skipped runs say nothing about health, so the rate counts only
/// runs that succeeded or failed.
/// </summary>
public sealed record PipelineStats(IReadOnlyList<DurationBar> Bars, int Succeeded, int Failed, TimeSpan? Median)
{
    public const int DefaultRuns = 30;

    public static PipelineStats Empty { get; } = new([], 0, 0, null);

    /// <summary>Succeeded among succeeded and failed, 0–1; null when there is neither.</summary>
    public double? SuccessRate => Succeeded + Failed == 0 ? null : (double)Succeeded / (Succeeded + Failed);

    public TimeSpan Longest => Bars.Count == 0 ? TimeSpan.Zero : Bars.Max(bar => bar.Duration);

    /// <param name="runs">Runs in any order; unfinished ones and ones without times are left out.</param>
    public static PipelineStats From(IEnumerable<Run> runs, int count = DefaultRuns)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var finished = runs
            .Where(run => run.Status.IsFinished() && run.Duration is { } duration && duration >= TimeSpan.Zero)
            .DistinctBy(run => run.NativeId)
            .OrderByDescending(run => run.CreatedAt)
            .ThenByDescending(run => run.Number)
            .Take(count)
            .Reverse()
            .Select(run => new DurationBar(run.NativeId, run.Number, run.Status, run.Duration!.Value, run.CreatedAt))
            .ToList();

        var succeeded = finished.Count(bar => bar.Status is RunStatus.Succeeded or RunStatus.SucceededWithWarnings);
        var failed = finished.Count(bar => bar.Status == RunStatus.Failed);
        return new PipelineStats(finished, succeeded, failed, MedianOf(finished));
    }

    private static TimeSpan? MedianOf(List<DurationBar> bars)
    {
        if (bars.Count == 0)
        {
            return null;
        }

        var sorted = bars.Select(bar => bar.Duration).Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
