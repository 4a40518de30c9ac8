namespace FlowForge.Web.Text;

/// <summary>How a line is shown, from the workflow commands GitHub Actions writes (<c>##[group]</c>, <c>##[error]</c>, ...).</summary>
public enum LogLineKind
{
    Normal,
    GroupStart,
    GroupEnd,
    Error,
    Warning,
    Notice,
    Debug,
    Command,
}

/// <summary>A parsed log line.</summary>
/// <param name="Number">1-based, as shown.</param>
/// <param name="Timestamp">The time the provider stamped the line with (GitHub prefixes every line), shown on demand.</param>
/// <param name="Text">The line as shown, without escape sequences or workflow-command marker: what search looks in.</param>
public sealed record LogLine(int Number, string? Timestamp, string Text, AnsiSpan[] Spans, LogLineKind Kind);

/// <summary>
/// A job's log parsed once into lines. A running job's log is fetched again and again, each time a longer text; only
/// what was not parsed before is parsed then (the last, unfinished line again), so following a 50,000-line log costs
/// what its new lines cost.
/// </summary>
public sealed class LogDocument
{
    private string _source = string.Empty;

    /// <summary>How much of the source ends in complete lines (its last line break included).</summary>
    private int _consumed;

    /// <summary>How many lines came from that part; a line after them is the unfinished last one.</summary>
    private int _completeLines;

    private AnsiStyle _styleAtConsumed;

    /// <summary>The lines, a list because the virtualized viewer needs a collection.</summary>
    public List<LogLine> Lines { get; } = [];

    public static LogDocument Parse(string text)
    {
        var document = new LogDocument();
        document.Update(text);
        return document;
    }

    /// <summary>Brings the lines up to the log's current text.</summary>
    /// <returns>Whether anything changed.</returns>
    public bool Update(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.Equals(text, _source, StringComparison.Ordinal))
        {
            return false;
        }

        var extends = text.Length >= _consumed && text.AsSpan(0, _consumed).SequenceEqual(_source.AsSpan(0, _consumed));
        if (extends)
        {
            Lines.RemoveRange(_completeLines, Lines.Count - _completeLines);
        }
        else
        {
            // The text was replaced (a re-run's new attempt): start over.
            Lines.Clear();
            _consumed = 0;
            _completeLines = 0;
            _styleAtConsumed = default;
        }

        var position = _consumed == 0 && text.StartsWith('\uFEFF') ? 1 : _consumed;
        var style = _styleAtConsumed;
        int end;
        while ((end = text.IndexOf('\n', position)) >= 0)
        {
            Lines.Add(ParseLine(Lines.Count + 1, TrimReturn(text.AsSpan(position, end - position)), ref style));
            position = end + 1;
        }

        _source = text;
        _consumed = position;
        _completeLines = Lines.Count;
        _styleAtConsumed = style;
        if (position < text.Length)
        {
            Lines.Add(ParseLine(Lines.Count + 1, TrimReturn(text.AsSpan(position)), ref style));
        }

        return true;
    }

    private static ReadOnlySpan<char> TrimReturn(ReadOnlySpan<char> line) => line.EndsWith('\r') ? line[..^1] : line;

    private static LogLine ParseLine(int number, ReadOnlySpan<char> line, ref AnsiStyle style)
    {
        string? timestamp = null;
        if (TimestampLength(line) is var length and > 0)
        {
            timestamp = line[..length].ToString();
            line = line[(length + 1)..];
        }

        var kind = LogLineKind.Normal;
        if (line.StartsWith("##[", StringComparison.Ordinal) && line.IndexOf(']') is var close and > 3)
        {
            kind = KindOf(line[3..close]);
            if (kind != LogLineKind.Normal)
            {
                line = line[(close + 1)..];
            }
        }

        var parsed = AnsiParser.ParseLine(line, ref style);
        return new LogLine(number, timestamp, parsed.Text, parsed.Spans, kind);
    }

    private static LogLineKind KindOf(ReadOnlySpan<char> command) => command switch
    {
        "group" => LogLineKind.GroupStart,
        "endgroup" => LogLineKind.GroupEnd,
        "error" => LogLineKind.Error,
        "warning" => LogLineKind.Warning,
        "notice" => LogLineKind.Notice,
        "debug" => LogLineKind.Debug,
        "command" => LogLineKind.Command,
        _ => LogLineKind.Normal,
    };

    /// <summary>The length of a leading ISO 8601 UTC timestamp followed by a space (<c>2026-11-25T23:38:03.7914894Z </c>), or 0.</summary>
    private static int TimestampLength(ReadOnlySpan<char> line)
    {
        if (line.Length < 21 || line[4] != '-' || line[7] != '-' || line[10] != 'T' || line[13] != ':' || line[16] != ':'
            || !char.IsAsciiDigit(line[0]) || !char.IsAsciiDigit(line[18]))
        {
            return 0;
        }

        var zone = line[..Math.Min(line.Length, 36)].IndexOf('Z');
        return zone >= 19 && zone + 1 < line.Length && line[zone + 1] == ' ' ? zone + 1 : 0;
    }
}
