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

    /// <summary>How many of the newest runs per repository each cycle asks for (one request per repository).</summary>
    [Range(1, 100)]
    public int RecentRunsPerSource { get; set; } = 30;

    /// <summary>At most this many runs get their jobs fetched per cycle; the rest follow in later cycles.</summary>
    [Range(1, 1000)]
    public int MaxJobFetchesPerCycle { get; set; } = 50;
}
