using FlowForge.Web.Text;

namespace FlowForge.Web.Tests.RunView;

public sealed class AnsiParserTests
{
    [Fact]
    public void Colours_become_spans_with_classes_and_reset_ends_them()
    {
        var line = Parse("\u001b[31mred\u001b[0m plain \u001b[32mgreen\u001b[m done");

        Assert.Equal("red plain green done", line.Text);
        Assert.Equal(
            [("red", "ansi-31"), (" plain ", null), ("green", "ansi-32"), (" done", null)],
            line.Spans.Select(span => (span.Text, span.CssClass)));
    }

    [Fact]
    public void Bright_colours_backgrounds_and_bold_combine_into_one_class_list()
    {
        var line = Parse("\u001b[1;93;44mwarn\u001b[22m thin\u001b[39;49m default\u001b[97;101m!");

        Assert.Equal(
            [("warn", "ansi-93 ansi-bg-44 ansi-bold"), (" thin", "ansi-93 ansi-bg-44"), (" default", null), ("!", "ansi-97 ansi-bg-101")],
            line.Spans.Select(span => (span.Text, span.CssClass)));
    }

    [Fact]
    public void The_style_carries_on_to_the_next_line_until_reset()
    {
        var style = default(AnsiStyle);

        var first = AnsiParser.ParseLine("\u001b[36mcyan starts", ref style);
        var second = AnsiParser.ParseLine("still cyan\u001b[0m", ref style);
        var third = AnsiParser.ParseLine("plain", ref style);

        Assert.Equal("ansi-36", first.Spans.Single().CssClass);
        Assert.Equal("ansi-36", second.Spans.Single().CssClass);
        Assert.Null(third.Spans.Single().CssClass);
    }

    [Theory]
    [InlineData("\u001b[2Kcleared", "cleared")]
    [InlineData("\u001b[?25lhidden cursor\u001b[?25h", "hidden cursor")]
    [InlineData("\u001b]0;window title\u0007text", "text")]
    [InlineData("\u001b]8;;https://example.com\u001b\\link\u001b]8;;\u001b\\ after", "link after")]
    [InlineData("\u001b(Bcharset", "charset")]
    [InlineData("\u001b[1A\u001b[10Gmoved", "moved")]
    [InlineData("bell\u0007 back\bspace", "bell backspace")]
    [InlineData("tab\tstays", "tab\tstays")]
    [InlineData("ends with a lone escape\u001b", "ends with a lone escape")]
    [InlineData("unfinished \u001b[31", "unfinished ")]
    public void Other_escape_sequences_and_controls_are_stripped(string input, string expected)
    {
        var line = Parse(input);

        Assert.Equal(expected, line.Text);
        Assert.Equal(expected, string.Concat(line.Spans.Select(span => span.Text)));
        Assert.All(line.Spans, span => Assert.Null(span.CssClass));
    }

    [Fact]
    public void Extended_colours_map_the_basic_sixteen_and_never_read_their_arguments_as_codes()
    {
        // 38;5;196 is a 256-colour red: shown in the default colour, and its "5" is not blink nor its "196" anything.
        var indexed = Parse("\u001b[38;5;2mgreen\u001b[38;5;196mdefault\u001b[48;5;9mbright red bg");
        var trueColour = Parse("\u001b[38;2;255;0;0;1mbold only");

        Assert.Equal(
            [("green", "ansi-32"), ("default", null), ("bright red bg", "ansi-bg-101")],
            indexed.Spans.Select(span => (span.Text, span.CssClass)));
        Assert.Equal("ansi-bold", trueColour.Spans.Single().CssClass);
    }

    [Fact]
    public void A_carriage_return_starts_the_line_over_like_a_progress_bar()
    {
        var line = Parse("\u001b[33mDownloading 10%\rDownloading 55%\rDownloading 100%");

        Assert.Equal("Downloading 100%", line.Text);
        Assert.Equal("ansi-33", line.Spans.Single().CssClass);
    }

    [Fact]
    public void A_plain_line_is_one_unstyled_span_of_the_same_text()
    {
        var line = Parse("nothing special here");

        var span = Assert.Single(line.Spans);
        Assert.Same(line.Text, span.Text);
        Assert.Null(span.CssClass);
        Assert.Empty(Parse(string.Empty).Spans);
    }

    private static AnsiLine Parse(string text)
    {
        var style = default(AnsiStyle);
        return AnsiParser.ParseLine(text, ref style);
    }
}
