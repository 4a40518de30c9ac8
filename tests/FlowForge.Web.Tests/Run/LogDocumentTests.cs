using System.Text;
using FlowForge.Web.Text;

namespace FlowForge.Web.Tests.RunView;

public sealed class LogDocumentTests
{
    [Fact]
    public void A_50000_line_log_with_colours_and_timestamps_parses_into_as_many_lines()
    {
        var text = new StringBuilder();
        for (var i = 1; i <= 50_000; i++)
        {
            text.Append("2026-11-25T23:38:03.7914894Z ");
            text.Append(i % 10 == 0 ? $"\u001b[32mok\u001b[0m test {i} passed" : $"line {i} of the build output, long enough to look like one");
            text.Append('\n');
        }

        var document = LogDocument.Parse(text.ToString());

        Assert.Equal(50_000, document.Lines.Count);
        Assert.Equal(Enumerable.Range(1, 50_000), document.Lines.Select(line => line.Number));
        Assert.Equal("ok test 50000 passed", document.Lines[^1].Text);
        Assert.Equal("ansi-32", document.Lines[^1].Spans[0].CssClass);
    }

    [Fact]
    public void GitHub_timestamps_and_workflow_commands_are_read_off_each_line()
    {
        var document = LogDocument.Parse(
            "\uFEFF2026-11-25T23:38:03.7914894Z ##[group]Run actions/checkout@v4\n" +
            "2026-11-25T23:38:04.0000000Z with:\n" +
            "2026-11-25T23:38:05.0000000Z ##[endgroup]\n" +
            "2026-11-25T23:38:06.0000000Z ##[error]Process completed with exit code 1.\n" +
            "##[warning]No timestamp here\n" +
            "##[unknown]stays as it is\r\n");

        Assert.Equal(
            [LogLineKind.GroupStart, LogLineKind.Normal, LogLineKind.GroupEnd, LogLineKind.Error, LogLineKind.Warning, LogLineKind.Normal],
            document.Lines.Select(line => line.Kind));
        Assert.Equal(
            ["Run actions/checkout@v4", "with:", string.Empty, "Process completed with exit code 1.", "No timestamp here", "##[unknown]stays as it is"],
            document.Lines.Select(line => line.Text));
        Assert.Equal("2026-11-25T23:38:03.7914894Z", document.Lines[0].Timestamp);
        Assert.Null(document.Lines[4].Timestamp);
    }

    [Fact]
    public void A_growing_log_parses_only_what_was_added_and_redoes_the_unfinished_last_line()
    {
        var document = LogDocument.Parse("one\n\u001b[31mtwo\nthr");
        var one = document.Lines[0];
        var two = document.Lines[1];

        Assert.True(document.Update("one\n\u001b[31mtwo\nthree\nfour\n"));

        Assert.Equal(["one", "two", "three", "four"], document.Lines.Select(line => line.Text));
        Assert.Same(one, document.Lines[0]);
        Assert.Same(two, document.Lines[1]);

        // The red started on line two is still on when the added lines are parsed.
        Assert.Equal("ansi-31", document.Lines[3].Spans.Single().CssClass);
        Assert.False(document.Update("one\n\u001b[31mtwo\nthree\nfour\n"));
    }

    [Fact]
    public void A_log_that_was_replaced_is_parsed_from_the_start()
    {
        var document = LogDocument.Parse("attempt 1\nfailed\n");

        Assert.True(document.Update("attempt 2\n"));

        Assert.Equal("attempt 2", Assert.Single(document.Lines).Text);
        Assert.Equal(1, document.Lines[0].Number);
    }
}
