namespace FlowForge.Web.Text;

/// <summary>Where a search query occurs: the line's index in the document and the offset in its text.</summary>
public readonly record struct LogMatch(int Line, int Start);

/// <summary>A piece of a line as rendered: a style, and whether it is (the current) search match.</summary>
public readonly record struct LogFragment(string Text, string? CssClass, bool IsMatch, bool IsCurrent);

/// <summary>Search in a parsed log: case-insensitive, in the text as shown, matches not overlapping.</summary>
public static class LogSearch
{
    /// <summary>Beyond this many matches only the count's lower bound is shown; a one-letter query can match millions.</summary>
    public const int MaxMatches = 10_000;

    public static IReadOnlyList<LogMatch> Find(IReadOnlyList<LogLine> lines, string? query)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var matches = new List<LogMatch>();
        if (string.IsNullOrEmpty(query))
        {
            return matches;
        }

        for (var index = 0; index < lines.Count; index++)
        {
            var text = lines[index].Text;
            var at = text.IndexOf(query, StringComparison.OrdinalIgnoreCase);
            while (at >= 0)
            {
                matches.Add(new LogMatch(index, at));
                if (matches.Count == MaxMatches)
                {
                    return matches;
                }

                at = text.IndexOf(query, at + query.Length, StringComparison.OrdinalIgnoreCase);
            }
        }

        return matches;
    }

    /// <summary>
    /// A line's styled spans cut where the query occurs, for highlighting. Done for the few lines on screen at each
    /// render, not for the whole log.
    /// </summary>
    /// <param name="currentStart">The offset of the current match, when it is on this line.</param>
    public static IEnumerable<LogFragment> Fragments(LogLine line, string? query, int? currentStart)
    {
        ArgumentNullException.ThrowIfNull(line);
        var ranges = MatchRanges(line.Text, query);
        var offset = 0;
        foreach (var span in line.Spans)
        {
            var spanEnd = offset + span.Text.Length;
            var position = offset;
            foreach (var (start, end) in ranges)
            {
                if (end <= position || start >= spanEnd)
                {
                    continue;
                }

                if (start > position)
                {
                    yield return new LogFragment(span.Text[(position - offset)..(start - offset)], span.CssClass, false, false);
                    position = start;
                }

                var until = Math.Min(end, spanEnd);
                yield return new LogFragment(span.Text[(position - offset)..(until - offset)], span.CssClass, true, start == currentStart);
                position = until;
            }

            if (position < spanEnd)
            {
                yield return new LogFragment(position == offset ? span.Text : span.Text[(position - offset)..], span.CssClass, false, false);
            }

            offset = spanEnd;
        }
    }

    private static List<(int Start, int End)> MatchRanges(string text, string? query)
    {
        var ranges = new List<(int Start, int End)>();
        if (string.IsNullOrEmpty(query))
        {
            return ranges;
        }

        var at = text.IndexOf(query, StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            ranges.Add((at, at + query.Length));
            at = text.IndexOf(query, at + query.Length, StringComparison.OrdinalIgnoreCase);
        }

        return ranges;
    }
}
