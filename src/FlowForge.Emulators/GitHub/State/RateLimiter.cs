namespace FlowForge.Emulators.GitHub.State;

/// <summary>
/// Primary rate-limit budgets: one per user per hour window, which starts with the window's first request. The
/// window ends on a whole second (GitHub's <c>x-ratelimit-reset</c> is in epoch seconds), so the budget is back at
/// exactly the reset the headers announce, on the emulator's clock.
/// </summary>
internal sealed class RateLimiter(TimeProvider time, int limitPerHour)
{
    /// <summary>Unauthenticated callers share GitHub's per-IP budget of 60 an hour.</summary>
    public const int AnonymousLimit = 60;

    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The bucket key of unauthenticated requests (no login can be empty).</summary>
    public static string Anonymous => "";

    public int LimitFor(string key) => key.Length == 0 ? AnonymousLimit : limitPerHour;

    public RateLimitSnapshot Peek(string key)
    {
        lock (_gate)
        {
            return Current(key).Snapshot(LimitFor(key));
        }
    }

    /// <summary>Charges <paramref name="cost"/> (never below zero remaining) and returns the budget after it.</summary>
    public RateLimitSnapshot Consume(string key, int cost)
    {
        lock (_gate)
        {
            var bucket = Current(key);
            var limit = LimitFor(key);
            bucket.Used = Math.Min(limit, bucket.Used + cost);
            return bucket.Snapshot(limit);
        }
    }

    private Bucket Current(string key)
    {
        var now = time.GetUtcNow();
        if (!_buckets.TryGetValue(key, out var bucket) || now >= bucket.WindowEnd)
        {
            bucket = new Bucket { WindowEnd = WholeSecondAtOrAfter(now + Window) };
            _buckets[key] = bucket;
        }

        return bucket;
    }

    private static DateTimeOffset WholeSecondAtOrAfter(DateTimeOffset value)
    {
        var floor = DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());
        return floor < value ? floor.AddSeconds(1) : floor;
    }

    private sealed class Bucket
    {
        public DateTimeOffset WindowEnd { get; init; }

        public int Used { get; set; }

        public RateLimitSnapshot Snapshot(int limit) =>
            new(limit, Used, limit - Used, WindowEnd.ToUnixTimeSeconds());
    }
}

internal readonly record struct RateLimitSnapshot(int Limit, int Used, int Remaining, long Reset);
