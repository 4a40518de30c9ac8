using FlowForge.Web.Text;

namespace FlowForge.Web.Tests.RunView;

public sealed class LogSearchTests
{
    private static readonly LogDocument Log = LogDocument.Parse(
        "Restore packages\n" +
        "\u001b[31mERROR\u001b[0m: build failed, see error above\n" +
        "nothing here\n" +
        "##[error]Process completed with exit code 1.\n");

    [Fact]
    public void Matches_ignore_case_and_each_occurrence_counts()
    {
        var matches = LogSearch.Find(Log.Lines, "error");

        Assert.Equal([new LogMatch(1, 0), new LogMatch(1, 25)], matches);
        Assert.Equal(3, LogSearch.Find(Log.Lines, "E").Count(match => match.Line == 0));
        Assert.Empty(LogSearch.Find(Log.Lines, string.Empty));
        Assert.Empty(LogSearch.Find(Log.Lines, "not in the log"));
    }

    [Fact]
    public void Search_looks_at_the_text_as_shown_without_escapes_or_markers()
    {
        Assert.Single(LogSearch.Find(Log.Lines, "ERROR: build"));
        Assert.Empty(LogSearch.Find(Log.Lines, "[31m"));
        Assert.Empty(LogSearch.Find(Log.Lines, "##[error]"));
        Assert.Equal(3, Assert.Single(LogSearch.Find(Log.Lines, "Process")).Line);
    }

    [Fact]
    public void A_query_matching_everything_stops_at_the_cap()
    {
        var big = LogDocument.Parse(string.Concat(Enumerable.Repeat("aaaa\n", 5_000)));

        Assert.Equal(LogSearch.MaxMatches, LogSearch.Find(big.Lines, "a").Count);
    }

    [Fact]
    public void Fragments_cut_the_styled_spans_at_the_matches_and_mark_the_current_one()
    {
        var line = Log.Lines[1];

        var fragments = LogSearch.Fragments(line, "error", currentStart: 25).ToList();

        Assert.Equal(
            [
                ("ERROR", "ansi-31", true, false),
                (": build failed, see ", null, false, false),
                ("error", null, true, true),
                (" above", null, false, false),
            ],
            fragments.Select(fragment => (fragment.Text, fragment.CssClass, fragment.IsMatch, fragment.IsCurrent)));
        Assert.Equal(line.Text, string.Concat(fragments.Select(fragment => fragment.Text)));
    }

    [Fact]
    public void A_match_across_two_styles_is_marked_in_both()
    {
        var line = LogDocument.Parse("\u001b[32mgre\u001b[0men\n").Lines[0];

        var fragments = LogSearch.Fragments(line, "green", currentStart: null).ToList();

        Assert.Equal([("gre", "ansi-32", true), ("en", (string?)null, true)], fragments.Select(fragment => (fragment.Text, fragment.CssClass, fragment.IsMatch)));
    }

    [Fact]
    public void Stepping_wraps_round_and_a_growing_log_keeps_the_current_match()
    {
        var log = LogDocument.Parse("a fail\nb\nc fail\n");
        var search = new LogSearchState();

        search.Search("FAIL", log.Lines);
        Assert.Equal("1 of 2", search.CountText);
        search.Move(-1);
        Assert.Equal(new LogMatch(2, 2), search.CurrentMatch);

        log.Update("a fail\nb\nc fail\nd fail\n");
        search.Refresh(log.Lines);

        Assert.Equal("2 of 3", search.CountText);
        Assert.True(search.IsCurrentLine(2));
        search.Move(1);
        search.Move(1);
        Assert.Equal("1 of 3", search.CountText);

        search.Search(string.Empty, log.Lines);
        Assert.Equal(string.Empty, search.CountText);
        Assert.Null(search.CurrentMatch);
    }
}
