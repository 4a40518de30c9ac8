namespace FlowForge.Emulators.GitHub.State;

/// <summary>
/// GitHub's secondary rate limit, reduced to its request-rate part: more than N requests of one caller within a
/// rolling minute trip it, and the caller is then refused for the following minute. Every request that reaches the
/// check counts (a 304 and <c>/rate_limit</c> too, which the primary budget does not charge); refused ones do not.
/// </summary>
internal sealed class SecondaryRateLimiter(TimeProvider time, int? perMinute)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>How long a caller stays blocked once it tripped the limit.</summary>
    public static readonly TimeSpan Penalty = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Track> _tracks = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Counts the request; null when it may proceed, otherwise how long the caller must wait.</summary>
    public TimeSpan? TryAcquire(string key)
    {
        if (perMinute is not { } limit)
        {
            return null;
        }

        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!_tracks.TryGetValue(key, out var track))
            {
                track = new Track();
                _tracks[key] = track;
            }

            if (now < track.BlockedUntil)
            {
                return track.BlockedUntil - now;
            }

            while (track.Recent.Count > 0 && track.Recent.Peek() <= now - Window)
            {
                track.Recent.Dequeue();
            }

            if (track.Recent.Count >= limit)
            {
                track.BlockedUntil = now + Penalty;
                track.Recent.Clear();
                return Penalty;
            }

            track.Recent.Enqueue(now);
            return null;
        }
    }

    private sealed class Track
    {
        /// <summary>Arrival times of the counted requests within the last minute, oldest first.</summary>
        public Queue<DateTimeOffset> Recent { get; } = new();

        public DateTimeOffset BlockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
