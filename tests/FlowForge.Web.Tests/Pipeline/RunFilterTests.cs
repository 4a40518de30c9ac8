using FlowForge.Abstractions.Domain;
using FlowForge.Web.Components.PipelineView;

namespace FlowForge.Web.Tests.PipelineView;

public sealed class RunFilterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Filters_go_to_the_address_and_back()
    {
        var filter = new RunFilter(RunStatus.Failed, "main", "ada", RunFilter.Custom, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 7));

        var query = filter.ToQuery();
        var back = RunFilter.FromQuery((string?)query["status"], (string?)query["branch"], (string?)query["actor"], (string?)query["range"], (string?)query["from"], (string?)query["to"]);

        Assert.Equal("failed", query["status"]);
        Assert.Equal("2026-11-01", query["from"]);
        Assert.Equal(filter, back);
        Assert.All(new RunFilter().ToQuery().Values, Assert.Null);
    }

    [Theory]
    [InlineData("nonsense", null, "forever", "2026-13-01")]
    [InlineData("7", " ", "", "yesterday")]
    public void What_does_not_parse_is_ignored(string status, string? branch, string range, string from)
    {
        Assert.True(RunFilter.FromQuery(status, branch, null, range, from, null).IsEmpty);
    }

    [Fact]
    public void Time_ranges_become_a_creation_window()
    {
        Assert.Equal((Now.AddHours(-24), (DateTimeOffset?)null), new RunFilter(Range: "24h").Window(Now));
        Assert.Equal((Now.AddDays(-7), (DateTimeOffset?)null), new RunFilter(Range: "7d").Window(Now));
        Assert.Equal(((DateTimeOffset?)null, (DateTimeOffset?)null), new RunFilter().Window(Now));

        // The last day of a custom range is included: the window ends at the next midnight.
        var custom = new RunFilter(Range: RunFilter.Custom, From: new DateOnly(2026, 11, 1), To: new DateOnly(2026, 11, 7)).Window(Now);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), custom.Since);
        Assert.Equal(new DateTimeOffset(2026, 11, 8, 0, 0, 0, TimeSpan.Zero), custom.Until);
    }

    [Fact]
    public void A_live_run_is_matched_like_the_store_filters()
    {
        var run = new Run(
            new PipelineKey("acme", "ci"), "r1", 1, 1, RunStatus.Failed, "failure", null, "push", "Ada", "main", null,
            Now.AddHours(-2), null, null, null, null, Run.NoParameters);

        Assert.True(new RunFilter(RunStatus.Failed, "main", "ada", "24h").Matches(run, Now));
        Assert.False(new RunFilter(Status: RunStatus.Succeeded).Matches(run, Now));
        Assert.False(new RunFilter(Branch: "Main").Matches(run, Now));
        Assert.False(new RunFilter(Range: RunFilter.Custom, To: new DateOnly(2026, 11, 25)).Matches(run, Now));
    }
}
