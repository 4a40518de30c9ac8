using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace FlowForge.Web.Text;

/// <summary>A piece of a log line in one style.</summary>
/// <param name="CssClass">The style's classes (<c>ansi-31 ansi-bg-44 ansi-bold</c>); null for the default style.</param>
public sealed record AnsiSpan(string Text, string? CssClass);

/// <summary>A line as a terminal would show it: its text without escape sequences, and that text in styled pieces.</summary>
public sealed record AnsiLine(string Text, AnsiSpan[] Spans);

/// <summary>
/// The SGR state a terminal carries from one line to the next: a foreground code (30–37, 90–97), a background code
/// (40–47, 100–107), 0 for "default", and bold.
/// </summary>
public readonly record struct AnsiStyle(int Foreground, int Background, bool Bold)
{
    private static readonly ConcurrentDictionary<AnsiStyle, string?> Classes = new();

    /// <summary>Built once per style, so thousands of spans in one style share one string.</summary>
    public string? CssClass => this == default ? null : Classes.GetOrAdd(this, Build);

    private static string? Build(AnsiStyle style)
    {
        var classes = new List<string>(3);
        if (style.Foreground != 0)
        {
            classes.Add(string.Create(CultureInfo.InvariantCulture, $"ansi-{style.Foreground}"));
        }

        if (style.Background != 0)
        {
            classes.Add(string.Create(CultureInfo.InvariantCulture, $"ansi-bg-{style.Background}"));
        }

        if (style.Bold)
        {
            classes.Add("ansi-bold");
        }

        return string.Join(' ', classes);
    }
}

/// <summary>
/// Renders the colours CI tools print: SGR colours (30–37, 90–97, their backgrounds, the 16 first 256-colour
/// indexes), bold and reset become styled spans; every other escape sequence (cursor moves, titles, hyperlinks) and
/// control character is dropped, and a carriage return starts the line over, as a progress bar on a terminal does.
/// </summary>
public static class AnsiParser
{
    private const char Escape = '\u001b';

    /// <summary>What sends a line off the fast path: escape, carriage return and other controls (not tab).</summary>
    private static readonly SearchValues<char> Special = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 32).Where(code => code != '\t').Select(code => (char)code)) + "\u007f");

    /// <param name="line">One line, without its line break.</param>
    /// <param name="style">The style the previous line ended in; on return, the style this line ends in.</param>
    public static AnsiLine ParseLine(ReadOnlySpan<char> line, ref AnsiStyle style)
    {
        if (!line.ContainsAny(Special))
        {
            var text = line.ToString();
            return new AnsiLine(text, text.Length == 0 ? [] : [new AnsiSpan(text, style.CssClass)]);
        }

        var builder = new LineBuilder(style);
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c == Escape)
            {
                i = SkipEscape(line, i, ref style);
                builder.Style = style;
            }
            else if (c == '\r')
            {
                builder.Restart();
                i++;
            }
            else
            {
                if (c == '\t' || !Special.Contains(c))
                {
                    builder.Append(c);
                }

                i++;
            }
        }

        return builder.Build();
    }

    /// <returns>The index after the sequence that starts at <paramref name="start"/>.</returns>
    private static int SkipEscape(ReadOnlySpan<char> line, int start, ref AnsiStyle style)
    {
        var i = start + 1;
        if (i >= line.Length)
        {
            return line.Length;
        }

        switch (line[i])
        {
            case '[':
                return SkipControlSequence(line, i + 1, ref style);
            case ']' or 'P' or 'X' or '^' or '_':
                // Strings (window titles, hyperlinks' targets): up to BEL or the string terminator ESC \.
                for (var j = i + 1; j < line.Length; j++)
                {
                    if (line[j] == '\a')
                    {
                        return j + 1;
                    }

                    if (line[j] == Escape && j + 1 < line.Length && line[j + 1] == '\\')
                    {
                        return j + 2;
                    }
                }

                return line.Length;
            default:
                // Two-character and charset sequences: intermediates (0x20–0x2F), then one final character.
                while (i < line.Length && line[i] is >= ' ' and <= '/')
                {
                    i++;
                }

                return i < line.Length && line[i] is >= '0' and <= '~' ? i + 1 : i;
        }
    }

    private static int SkipControlSequence(ReadOnlySpan<char> line, int start, ref AnsiStyle style)
    {
        var i = start;
        while (i < line.Length && line[i] is >= '0' and <= '?')
        {
            i++;
        }

        var parameters = line[start..i];
        var intermediates = i;
        while (i < line.Length && line[i] is >= ' ' and <= '/')
        {
            i++;
        }

        if (i >= line.Length)
        {
            return line.Length;
        }

        if (line[i] is not (>= '@' and <= '~'))
        {
            // Not a control sequence after all: drop what was read and go on from here.
            return i;
        }

        if (line[i] == 'm' && intermediates == i)
        {
            style = Sgr.Apply(parameters, style);
        }

        return i + 1;
    }

    /// <summary>Collects a line's text and spans; a style change closes the current span.</summary>
    private sealed class LineBuilder(AnsiStyle style)
    {
        private readonly StringBuilder _text = new();
        private readonly StringBuilder _span = new();
        private readonly List<AnsiSpan> _spans = [];
        private AnsiStyle _spanStyle = style;

        public AnsiStyle Style { get; set; } = style;

        public void Append(char c)
        {
            if (Style != _spanStyle)
            {
                Close();
                _spanStyle = Style;
            }

            _span.Append(c);
            _text.Append(c);
        }

        /// <summary>A carriage return: what was written so far is overwritten by what follows.</summary>
        public void Restart()
        {
            _text.Clear();
            _span.Clear();
            _spans.Clear();
        }

        public AnsiLine Build()
        {
            Close();
            return new AnsiLine(_text.ToString(), [.. _spans]);
        }

        private void Close()
        {
            if (_span.Length > 0)
            {
                _spans.Add(new AnsiSpan(_span.ToString(), _spanStyle.CssClass));
                _span.Clear();
            }
        }
    }
}
