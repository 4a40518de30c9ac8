namespace FlowForge.Emulators.GitLab.State;

/// <summary>
/// GitLab's request throttles (Rack::Attack): a budget per user, or per client address for requests without a token,
/// per one-minute window that starts with its first request and ends on a whole second, so the budget is back at
/// exactly the <c>RateLimit-Reset</c> the headers announce, on the emulator's clock. Every request costs one: GitLab
/// has no free conditional requests.
/// </summary>
internal sealed class Throttle(TimeProvider time, int authenticatedPerMinute, int unauthenticatedPerMinute)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="key">A username, or <c>ip:…</c> for requests without a token.</param>
    public ThrottleState Peek(string key)
    {
        lock (_gate)
        {
            return Current(key).State(LimitFor(key));
        }
    }

    /// <summary>Counts one request; the state after it.</summary>
    public ThrottleState Count(string key)
    {
        lock (_gate)
        {
            var bucket = Current(key);
            bucket.Observed++;
            return bucket.State(LimitFor(key));
        }
    }

    private int LimitFor(string key) => key.StartsWith("ip:", StringComparison.Ordinal) ? unauthenticatedPerMinute : authenticatedPerMinute;

    private Bucket Current(string key)
    {
        var now = time.GetUtcNow();
        if (!_buckets.TryGetValue(key, out var bucket) || now >= bucket.End)
        {
            var end = now + Window;
            var whole = DateTimeOffset.FromUnixTimeSeconds(end.ToUnixTimeSeconds());
            bucket = new Bucket { End = whole < end ? whole.AddSeconds(1) : whole };
            _buckets[key] = bucket;
        }

        return bucket;
    }

    private sealed class Bucket
    {
        public DateTimeOffset End { get; init; }

        public int Observed { get; set; }

        public ThrottleState State(int limit) => new(limit, Observed, Math.Max(0, limit - Observed), End);
    }
}

/// <param name="Observed">Requests counted in this window (<c>RateLimit-Observed</c>).</param>
/// <param name="Reset">When the window ends (<c>RateLimit-Reset</c>, <c>RateLimit-ResetTime</c>).</param>
internal readonly record struct ThrottleState(int Limit, int Observed, int Remaining, DateTimeOffset Reset)
{
    public bool Exceeded => Observed > Limit;
}
