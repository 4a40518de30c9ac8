namespace FlowForge.Web.Text;

/// <summary>The log viewer's search: the query, its matches, which one is current, and stepping between them.</summary>
public sealed class LogSearchState
{
    public string Query { get; private set; } = string.Empty;

    public IReadOnlyList<LogMatch> Matches { get; private set; } = [];

    /// <summary>The index of the current match in <see cref="Matches"/>; -1 when there is none.</summary>
    public int Current { get; private set; } = -1;

    public LogMatch? CurrentMatch => Current >= 0 && Current < Matches.Count ? Matches[Current] : null;

    /// <summary>"3 of 17", "No matches", or nothing without a query.</summary>
    public string CountText =>
        Query.Length == 0 ? string.Empty
        : Matches.Count == 0 ? "No matches"
        : $"{Current + 1:N0} of {Matches.Count:N0}{(Matches.Count >= LogSearch.MaxMatches ? "+" : string.Empty)}";

    /// <summary>A new query: its first match becomes current.</summary>
    public void Search(string? query, IReadOnlyList<LogLine> lines)
    {
        Query = query ?? string.Empty;
        Matches = LogSearch.Find(lines, Query);
        Current = Matches.Count > 0 ? 0 : -1;
    }

    /// <summary>The same query over lines that changed (a growing log): the reader stays on the match they were at.</summary>
    public void Refresh(IReadOnlyList<LogLine> lines)
    {
        var current = CurrentMatch;
        Matches = LogSearch.Find(lines, Query);
        Current = current is { } match && Matches.Count > 0 ? Math.Max(0, IndexOf(match)) : Matches.Count > 0 ? 0 : -1;
    }

    /// <summary>Steps to the next (1) or previous (-1) match, round the end.</summary>
    public void Move(int step)
    {
        if (Matches.Count > 0)
        {
            Current = (Current + step + Matches.Count) % Matches.Count;
        }
    }

    public bool IsCurrentLine(int lineIndex) => CurrentMatch?.Line == lineIndex;

    private int IndexOf(LogMatch match)
    {
        for (var i = 0; i < Matches.Count; i++)
        {
            if (Matches[i] == match)
            {
                return i;
            }
        }

        return -1;
    }
}
