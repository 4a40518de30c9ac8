namespace FlowForge.Emulators.Infrastructure.Demo;

/// <summary>The heartbeat of every demo scenario's <c>RunAsync</c>: one tick a second on the given clock, until cancelled.</summary>
internal static class DemoClock
{
    /// <summary>
    /// Calls <paramref name="tick"/> with the current time after every second of <paramref name="time"/> (with a fake
    /// clock: whenever it is advanced by one); returns, rather than throws, once <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public static async Task TickEverySecondAsync(TimeProvider time, Action<DateTimeOffset> tick, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            tick(time.GetUtcNow());
        }
    }
}
