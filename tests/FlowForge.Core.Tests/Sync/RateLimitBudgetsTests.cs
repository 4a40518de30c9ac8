using FlowForge.Abstractions.Providers;
using FlowForge.Core.Providers;
using FlowForge.Core.Sync;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Core.Tests.Sync;

public sealed class RateLimitBudgetsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    private RateLimitBudgets Budgets() => new(Options.Create(new SyncOptions { BudgetReserveFraction = 0.05 }), _time);

    [Fact]
    public void A_plentiful_budget_does_not_slow_anything()
    {
        var budgets = Budgets();
        var now = _time.GetUtcNow();
        budgets.ObserverFor("k").Observe(new RateLimitSnapshot(5000, 4990, now.AddHours(1), "core", now));
        budgets.RecordCycle("k", now, cost: 10);

        Assert.True(budgets.EarliestNextCycle("k", now) <= now.AddSeconds(8));
    }

    [Fact]
    public void A_scarce_budget_is_spread_over_the_time_to_reset()
    {
        var budgets = Budgets();
        var now = _time.GetUtcNow();
        budgets.ObserverFor("k").Observe(new RateLimitSnapshot(100, 45, now.AddMinutes(40), "core", now));
        budgets.RecordCycle("k", now, cost: 10);

        // 45 left, 5 kept in reserve: 4 cycles of 10 over 40 minutes, one every 10 minutes.
        Assert.Equal(now.AddMinutes(10), budgets.EarliestNextCycle("k", now));
    }

    [Fact]
    public void Nothing_is_planned_into_the_reserve_until_the_reset()
    {
        var budgets = Budgets();
        var now = _time.GetUtcNow();
        budgets.ObserverFor("k").Observe(new RateLimitSnapshot(100, 5, now.AddMinutes(7), "core", now));
        budgets.RecordCycle("k", now, cost: 1);

        Assert.Equal(now.AddMinutes(7), budgets.EarliestNextCycle("k", now));
    }

    [Fact]
    public void A_block_holds_until_its_time_and_a_later_block_extends_it()
    {
        var budgets = Budgets();
        var now = _time.GetUtcNow();
        budgets.Block("k", now.AddSeconds(30));
        budgets.Block("k", now.AddSeconds(10));

        Assert.Equal(now.AddSeconds(30), budgets.BlockedUntil("k"));
        Assert.Equal(now.AddSeconds(30), budgets.EarliestNextCycle("k", now));
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Null(budgets.BlockedUntil("k"));
    }

    [Fact]
    public void Unknown_budgets_do_not_hold_anything_back() =>
        Assert.Equal(_time.GetUtcNow(), Budgets().EarliestNextCycle("nobody", _time.GetUtcNow()));

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 30)]
    [InlineData(3, 60)]
    [InlineData(8, 3600)]
    [InlineData(50, 3600)]
    public void The_back_off_ladder_climbs_and_tops_out(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), BackoffLadder.Delay(failures));
}
