using Bunit;
using FlowForge.Abstractions.Domain;
using FlowForge.Web.Components.PipelineView;
using FlowForge.Web.Tests.Fakes;

namespace FlowForge.Web.Tests.PipelineView;

public sealed class PipelineStatsTests : DashboardContext
{
    [Fact]
    public void The_chart_shows_the_newest_finished_runs_oldest_first()
    {
        var runs = Enumerable.Range(1, 40)
            .Select(i => NewRun(Deploy, $"r{i}", i, i % 4 == 0 ? RunStatus.Failed : RunStatus.Succeeded, age: TimeSpan.FromHours(100 - i), duration: TimeSpan.FromMinutes(i)))
            .Append(NewRun(Deploy, "active", 41, RunStatus.Running, age: TimeSpan.FromMinutes(1)))
            .Reverse();

        var stats = PipelineStats.From(runs);

        Assert.Equal(30, stats.Bars.Count);
        Assert.Equal(Enumerable.Range(11, 30).Select(i => $"r{i}"), stats.Bars.Select(bar => bar.RunId));
        Assert.Equal(TimeSpan.FromMinutes(11), stats.Bars[0].Duration);
        Assert.Equal(TimeSpan.FromMinutes(40), stats.Longest);
    }

    [Fact]
    public void Success_rate_counts_succeeded_against_failed_and_leaves_cancelled_out()
    {
        Run[] runs =
        [
            NewRun(Deploy, "a", 1, RunStatus.Succeeded, duration: TimeSpan.FromMinutes(1)),
            NewRun(Deploy, "b", 2, RunStatus.SucceededWithWarnings, duration: TimeSpan.FromMinutes(2)),
            NewRun(Deploy, "c", 3, RunStatus.Failed, duration: TimeSpan.FromMinutes(3)),
            NewRun(Deploy, "d", 4, RunStatus.Cancelled, duration: TimeSpan.FromMinutes(10)),
        ];

        var stats = PipelineStats.From(runs);

        Assert.Equal((2, 1), (stats.Succeeded, stats.Failed));
        Assert.Equal(2.0 / 3, stats.SuccessRate);
        Assert.Equal(TimeSpan.FromMinutes(2.5), stats.Median);
        Assert.Null(PipelineStats.From([NewRun(Deploy, "x", 1, RunStatus.Cancelled)]).SuccessRate);
        Assert.Null(PipelineStats.Empty.Median);
    }

    [Fact]
    public void The_chart_draws_a_bar_per_run_coloured_by_status_with_a_table_saying_the_same()
    {
        var stats = PipelineStats.From(
        [
            NewRun(Deploy, "r1", 1, RunStatus.Succeeded, age: TimeSpan.FromHours(3), duration: TimeSpan.FromMinutes(4)),
            NewRun(Deploy, "r2", 2, RunStatus.Failed, age: TimeSpan.FromHours(2), duration: TimeSpan.FromMinutes(2)),
        ]);

        var chart = Render<DurationChart>(parameters => parameters.Add(p => p.Stats, stats).Add(p => p.Pipeline, Deploy));

        var bars = chart.FindAll("rect.bar");
        Assert.Equal(["r1", "r2"], bars.Select(bar => bar.GetAttribute("data-run-id")));
        Assert.Contains("bar-succeeded", bars[0].ClassList);
        Assert.Contains("bar-failed", bars[1].ClassList);
        Assert.True(double.Parse(bars[0].GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture)
            > double.Parse(bars[1].GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("#2 · Failed · 2 min 0 s", bars[1].QuerySelector("title")!.TextContent);
        Assert.Equal("true", chart.Find("svg").GetAttribute("aria-hidden"));
        Assert.All(chart.FindAll("svg a"), link => Assert.Equal("-1", link.GetAttribute("tabindex")));

        var rows = chart.FindAll("details table tbody tr");
        Assert.Equal(["#2", "#1"], rows.Select(row => row.QuerySelector("td")!.TextContent));
        Assert.Equal("pipelines/acme/deploy/runs/r2", rows[0].QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void The_success_rate_reads_as_a_percentage()
    {
        var stats = PipelineStats.From(
        [
            NewRun(Deploy, "a", 1, RunStatus.Succeeded),
            NewRun(Deploy, "b", 2, RunStatus.Succeeded),
            NewRun(Deploy, "c", 3, RunStatus.Failed),
            NewRun(Deploy, "d", 4, RunStatus.Cancelled),
        ]);

        var rate = Render<SuccessRate>(parameters => parameters.Add(p => p.Stats, stats));

        Assert.Equal("67 %", rate.Find(".rate-value").TextContent);
        Assert.Contains("2 of 3 runs succeeded; 1 cancelled or skipped not counted", rate.Find(".detail").TextContent, StringComparison.Ordinal);
    }
}
