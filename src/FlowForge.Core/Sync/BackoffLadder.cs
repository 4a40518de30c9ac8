namespace FlowForge.Core.Sync;

/// <summary>How long an instance that keeps failing waits before the next attempt: longer with each failure.</summary>
public static class BackoffLadder
{
    private static readonly TimeSpan[] Steps =
    [
        TimeSpan.FromSeconds(10),
        TimeSpan.FromSeconds(30),
        TimeSpan.FromMinutes(1),
        TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1),
    ];

    /// <param name="consecutiveFailures">1 after the first failure.</param>
    public static TimeSpan Delay(int consecutiveFailures) =>
        Steps[Math.Clamp(consecutiveFailures - 1, 0, Steps.Length - 1)];
}
