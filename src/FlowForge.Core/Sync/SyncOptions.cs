using System.ComponentModel.DataAnnotations;

namespace FlowForge.Core.Sync;

public sealed class SyncOptions
{
    public const string Section = "FlowForge:Sync";

    /// <summary>Off only for tests and tools that drive syncs themselves.</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>How often the scheduler looks for instances that are due.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan SchedulerTick { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a source with an active run (or fresh activity) is polled.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan FastInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the list of sources and their pipelines is checked for additions and removals.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan DiscoveryInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Each wait is stretched or shortened by up to this fraction, so instances drift apart.</summary>
    [Range(0.0, 0.5)]
    public double JitterFraction { get; set; } = 0.1;

    /// <summary>The share of a rate-limit budget the sync never plans to spend: it is left for what users do.</summary>
    [Range(0.0, 0.5)]
    public double BudgetReserveFraction { get; set; } = 0.05;

    /// <summary>How many of the newest runs per source each poll asks for (one request per source).</summary>
    [Range(1, 100)]
    public int RecentRunsPerSource { get; set; } = 30;

    /// <summary>At most this many runs get their jobs fetched per cycle; the rest follow in later cycles.</summary>
    [Range(1, 1000)]
    public int MaxJobFetchesPerCycle { get; set; } = 50;
}
