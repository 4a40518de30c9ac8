using System.ComponentModel.DataAnnotations;

namespace FlowForge.Core.Events;

public sealed class EventOptions
{
    public const string Section = "FlowForge:Events";

    /// <summary>How many recent events a reconnecting client can resume from.</summary>
    [Range(10, 1_000_000)]
    public int ReplayCapacity { get; set; } = 2000;

    /// <summary>How many events may wait for one subscriber before it counts as too slow and is dropped.</summary>
    [Range(1, 100_000)]
    public int SubscriberBuffer { get; set; } = 500;

    /// <summary>How often an idle stream sends a comment, so proxies keep the connection open.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);
}
