using System.Collections.Concurrent;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Sync;
using Microsoft.Extensions.Options;

namespace FlowForge.Core.Providers;

/// <summary>
/// Rate-limit budgets per credential (instances that share a token share its budget): what the provider last
/// reported, when a 403/429 told FlowForge to stay away until, and how fast syncs may go so the remaining
/// budget lasts until it resets.
/// </summary>
public sealed class RateLimitBudgets(IOptions<SyncOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Budget> _budgets = new(StringComparer.Ordinal);

    public IRateLimitObserver ObserverFor(string budgetKey) => For(budgetKey);

    public RateLimitSnapshot? Find(string budgetKey) => _budgets.TryGetValue(budgetKey, out var budget) ? budget.Snapshot : null;

    public DateTimeOffset? BlockedUntil(string budgetKey) =>
        _budgets.TryGetValue(budgetKey, out var budget) && budget.BlockedUntil > time.GetUtcNow() ? budget.BlockedUntil : null;

    /// <summary>
    /// Whether the credential has budget left above the reserve. A cycle checks before each request it could
    /// leave for later, so that even a costly cycle stops short of exhausting the budget.
    /// </summary>
    public bool HasHeadroom(string? budgetKey)
    {
        if (budgetKey is null || !_budgets.TryGetValue(budgetKey, out var budget) || budget.Snapshot is not { } snapshot)
        {
            return true;
        }

        return snapshot.ResetsAt <= time.GetUtcNow() || snapshot.Remaining > Reserve(snapshot.Limit, options.Value.BudgetReserveFraction);
    }

    /// <summary>No request with this credential before <paramref name="until"/> (Retry-After, a rate-limit reset).</summary>
    public void Block(string budgetKey, DateTimeOffset until) => For(budgetKey).Block(until);

    /// <summary>Records what one sync cycle cost, to pace the next ones.</summary>
    public void RecordCycle(string budgetKey, DateTimeOffset startedAt, int cost) => For(budgetKey).RecordCycle(startedAt, cost);

    /// <summary>
    /// The earliest time the next sync with this credential may start: after any block, and spaced so that
    /// the budget left above the reserve, at the average cost of a cycle, lasts until the budget resets.
    /// </summary>
    public DateTimeOffset EarliestNextCycle(string budgetKey, DateTimeOffset now) =>
        _budgets.TryGetValue(budgetKey, out var budget) ? budget.EarliestNextCycle(now, options.Value.BudgetReserveFraction) : now;

    private static int Reserve(int limit, double fraction) => Math.Max(1, (int)Math.Ceiling(limit * fraction));

    private Budget For(string budgetKey) => _budgets.GetOrAdd(budgetKey, _ => new Budget());

    private sealed class Budget : IRateLimitObserver
    {
        private const double CostSmoothing = 0.3;
        private readonly Lock _gate = new();
        private double? _averageCost;
        private DateTimeOffset? _lastCycleStart;

        public RateLimitSnapshot? Snapshot { get; private set; }

        public DateTimeOffset? BlockedUntil { get; private set; }

        public void Observe(RateLimitSnapshot snapshot)
        {
            ArgumentNullException.ThrowIfNull(snapshot);
            lock (_gate)
            {
                Snapshot = snapshot;
            }
        }

        public void Block(DateTimeOffset until)
        {
            lock (_gate)
            {
                BlockedUntil = BlockedUntil > until ? BlockedUntil : until;
            }
        }

        public void RecordCycle(DateTimeOffset startedAt, int cost)
        {
            lock (_gate)
            {
                _averageCost = _averageCost is { } average ? ((1 - CostSmoothing) * average) + (CostSmoothing * cost) : cost;
                _lastCycleStart = startedAt;
            }
        }

        public DateTimeOffset EarliestNextCycle(DateTimeOffset now, double reserveFraction)
        {
            lock (_gate)
            {
                if (BlockedUntil > now)
                {
                    return BlockedUntil.Value;
                }

                if (Snapshot is not { ResetsAt: { } resetsAt } snapshot || resetsAt <= now || _lastCycleStart is not { } last)
                {
                    return now;
                }

                // Keep a reserve for what users do (log reads, triggers) and never plan to spend it.
                var usable = snapshot.Remaining - Reserve(snapshot.Limit, reserveFraction);
                if (usable <= 0)
                {
                    return resetsAt;
                }

                var cyclesLeft = usable / Math.Max(1.0, _averageCost ?? 1.0);
                var spacing = (resetsAt - now) / Math.Max(1.0, cyclesLeft);
                var earliest = last + spacing;
                return earliest > now ? earliest : now;
            }
        }
    }
}
