namespace FlowForge.Emulators.Buildkite.State;

/// <summary>
/// Buildkite's two REST budgets: each organization's requests per minute (all users together) and each user's. A window
/// starts with its first request and lasts a minute; <c>RateLimit-Reset</c> says the seconds left in it. A request
/// counts in both; one that either budget refuses counts in neither but shows in <c>current</c>.
/// </summary>
internal sealed class RateWindows(TimeProvider time, int organizationLimit, int userLimit)
{
    public const string OrganizationScope = "rest";
    public const string UserScope = "rest_user";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    /// <summary>Counts a request of <paramref name="user"/> on <paramref name="organization"/>, or tells which budget refuses it.</summary>
    public (Budget Organization, Budget User, string? RefusedScope) TryConsume(string organization, string user)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var org = CounterFor("org:" + organization, now);
            var own = CounterFor("user:" + user, now);
            var refused = org.Used >= organizationLimit ? OrganizationScope : own.Used >= userLimit ? UserScope : null;
            if (refused is null)
            {
                org.Used++;
                own.Used++;
            }
            else
            {
                (refused == OrganizationScope ? org : own).Refused++;
            }

            return (Describe(org, organizationLimit, now), Describe(own, userLimit, now), refused);
        }
    }

    /// <summary>The budgets as they stand, without counting anything.</summary>
    public (Budget Organization, Budget User) Peek(string organization, string user)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            return (Describe(CounterFor("org:" + organization, now), organizationLimit, now), Describe(CounterFor("user:" + user, now), userLimit, now));
        }
    }

    private Counter CounterFor(string key, DateTimeOffset now)
    {
        if (!_counters.TryGetValue(key, out var counter) || now >= counter.Start + Window)
        {
            counter = new Counter(now);
            _counters[key] = counter;
        }

        return counter;
    }

    private static Budget Describe(Counter counter, int limit, DateTimeOffset now) => new(
        limit,
        Math.Max(0, limit - counter.Used),
        counter.Used + counter.Refused,
        Math.Max(0, (int)Math.Ceiling((counter.Start + Window - now).TotalSeconds)));

    private sealed class Counter(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;

        public int Used { get; set; }

        public int Refused { get; set; }
    }
}

/// <param name="Current">Requests in the window, refused ones included (the 429 body's <c>current</c>).</param>
/// <param name="ResetSeconds">Seconds until the window resets.</param>
internal sealed record Budget(int Limit, int Remaining, int Current, int ResetSeconds);
