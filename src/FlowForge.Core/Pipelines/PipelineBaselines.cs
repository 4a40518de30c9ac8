using System.Collections.Concurrent;
using FlowForge.Abstractions.Domain;
using FlowForge.Core.Persistence;

namespace FlowForge.Core.Pipelines;

/// <summary>What a pipeline usually does, for "duration against its usual duration" and "still failing".</summary>
/// <param name="UsualDuration">The median duration of its recent successful runs (of any finished run when none succeeded).</param>
/// <param name="LastFinishedStatus">How its most recent finished run ended; a running pipeline whose last run failed is still failing.</param>
public sealed record PipelineBaseline(TimeSpan? UsualDuration, RunStatus? LastFinishedStatus)
{
    public static PipelineBaseline None { get; } = new(null, null);

    /// <summary>The baseline of recent runs given newest first.</summary>
    public static PipelineBaseline From(IEnumerable<Run> newestFirst)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        var finished = newestFirst.Where(run => run.Status.IsFinished()).ToList();
        var succeeded = Durations(finished.Where(run => run.Status is RunStatus.Succeeded or RunStatus.SucceededWithWarnings));

        // Failed runs often stop early, so they are the usual only when nothing succeeded lately.
        var durations = succeeded.Count > 0 ? succeeded : Durations(finished.Where(run => run.Status != RunStatus.Skipped));
        return new PipelineBaseline(Median(durations), finished.Count > 0 ? finished[0].Status : null);
    }

    private static List<TimeSpan> Durations(IEnumerable<Run> runs) =>
        [.. runs.Select(run => run.Duration).OfType<TimeSpan>().Where(duration => duration >= TimeSpan.Zero).Order()];

    private static TimeSpan? Median(List<TimeSpan> sorted) => sorted.Count switch
    {
        0 => null,
        var count when count % 2 == 1 => sorted[count / 2],
        var count => (sorted[(count / 2) - 1] + sorted[count / 2]) / 2,
    };
}

/// <summary>
/// Baselines of every pipeline, held in memory. A pipeline's baseline is read again only when its latest run changed
/// identity or status (a new run, a run that finished), so a live dashboard re-asking for a thousand pipelines after
/// every event costs dictionary lookups, and each finished run costs one indexed read of its pipeline's recent runs.
/// A removed pipeline's entry stays until the server restarts: a few bytes, not worth tracking removals for.
/// </summary>
public sealed class PipelineBaselines(IPipelineReader reader) : IDisposable
{
    /// <summary>How many recent runs the median is taken over.</summary>
    public const int SampleSize = 20;

    private const int ParallelReads = 4;
    private readonly ConcurrentDictionary<PipelineKey, Entry> _entries = new();
    private readonly SemaphoreSlim _refresh = new(1, 1);

    /// <summary>The baselines of <paramref name="summaries"/>, reading only those whose latest run changed since last asked.</summary>
    public async Task<IReadOnlyDictionary<PipelineKey, PipelineBaseline>> ForAsync(IReadOnlyList<PipelineSummary> summaries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        if (Stale(summaries).Count > 0)
        {
            // One refresh at a time: a hundred viewers opening the page together read each pipeline once, not a hundred times.
            await _refresh.WaitAsync(cancellationToken);
            try
            {
                await Parallel.ForEachAsync(
                    Stale(summaries),
                    new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
                    async (summary, token) =>
                    {
                        var runs = await reader.ListRunsAsync(summary.Pipeline.Key, new RunQuery(SampleSize, null, null, null), token);
                        _entries[summary.Pipeline.Key] = new Entry(Stamp.Of(summary.LatestRun), PipelineBaseline.From(runs.Runs));
                    });
            }
            finally
            {
                _refresh.Release();
            }
        }

        var result = new Dictionary<PipelineKey, PipelineBaseline>(summaries.Count);
        foreach (var summary in summaries)
        {
            result[summary.Pipeline.Key] = _entries.TryGetValue(summary.Pipeline.Key, out var entry) ? entry.Baseline : PipelineBaseline.None;
        }

        return result;
    }

    public void Dispose() => _refresh.Dispose();

    private List<PipelineSummary> Stale(IReadOnlyList<PipelineSummary> summaries) =>
        [.. summaries.Where(summary => !_entries.TryGetValue(summary.Pipeline.Key, out var entry) || entry.Stamp != Stamp.Of(summary.LatestRun))];

    /// <summary>What of the latest run, when changed, can change the baseline.</summary>
    private readonly record struct Stamp(string? RunId, int Attempt, RunStatus? Status)
    {
        public static Stamp Of(Run? run) => new(run?.NativeId, run?.Attempt ?? 0, run?.Status);
    }

    private sealed record Entry(Stamp Stamp, PipelineBaseline Baseline);
}
