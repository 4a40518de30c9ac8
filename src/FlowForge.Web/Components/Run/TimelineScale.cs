using FlowForge.Abstractions.Domain;

namespace FlowForge.Web.Components.RunView;

/// <summary>Where a job or step sits on the run's time axis, in percent of the axis.</summary>
public readonly record struct TimelineBar(double Left, double Width);

/// <summary>
/// The shared time axis of a run's jobs and steps: from the first start to the last finish (now, while anything is
/// still going), so bars of different jobs can be compared by eye.
/// </summary>
public sealed class TimelineScale
{
    /// <summary>The narrowest bar drawn, so a step that took no time is still seen.</summary>
    private const double MinWidth = 0.6;

    private TimelineScale(DateTimeOffset start, TimeSpan total, DateTimeOffset now)
    {
        Start = start;
        Total = total;
        Now = now;
    }

    public DateTimeOffset Start { get; }

    public TimeSpan Total { get; }

    private DateTimeOffset Now { get; }

    public static TimelineScale For(Run run, IReadOnlyList<Job> jobs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(jobs);
        var starts = jobs.Select(job => job.StartedAt).Concat(jobs.SelectMany(job => job.Steps).Select(step => step.StartedAt)).OfType<DateTimeOffset>().ToList();
        var start = starts.Count > 0 ? starts.Min() : run.StartedAt ?? run.CreatedAt;
        var anyActive = run.Status.IsActive() || jobs.Any(job => job.Status.IsActive());
        var ends = jobs.Select(job => job.FinishedAt).Concat(jobs.SelectMany(job => job.Steps).Select(step => step.FinishedAt)).OfType<DateTimeOffset>()
            .Append(run.FinishedAt ?? start)
            .Append(anyActive ? now : start);
        var end = ends.Max();
        var total = end - start;
        return new TimelineScale(start, total < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : total, now);
    }

    /// <summary>The bar of something that started (and maybe finished); null when it has not started.</summary>
    /// <param name="active">Still going: the bar reaches now.</param>
    public TimelineBar? Bar(DateTimeOffset? startedAt, DateTimeOffset? finishedAt, bool active)
    {
        if (startedAt is not { } start)
        {
            return null;
        }

        var end = finishedAt ?? (active ? Now : start);
        var left = Percent(start - Start);
        var width = Math.Max(MinWidth, Percent(end - start));
        return new TimelineBar(Math.Clamp(left, 0, 100 - MinWidth), Math.Min(width, 100 - Math.Clamp(left, 0, 100 - MinWidth)));
    }

    /// <summary>Marks along the axis: the offset from the start at 0, ¼, ½, ¾ and the end.</summary>
    public IReadOnlyList<(double Percent, TimeSpan Offset)> Ticks() =>
        [.. Enumerable.Range(0, 5).Select(quarter => (quarter * 25.0, Total * quarter / 4))];

    private double Percent(TimeSpan offset) => offset.TotalMilliseconds / Total.TotalMilliseconds * 100;
}
