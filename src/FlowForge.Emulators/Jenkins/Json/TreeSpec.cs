namespace FlowForge.Emulators.Jenkins.Json;

/// <summary>
/// A parsed <c>tree</c> query parameter, in Stapler's <c>NamedPathPruner</c> grammar: <c>name</c>,
/// <c>name[children]</c>, each optionally with a range that slices an array: <c>{M,N}</c>, <c>{M,}</c>, <c>{,N}</c> or
/// <c>{N}</c> (the element N only).
/// </summary>
internal sealed class TreeSpec
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private TreeSpec()
    {
    }

    /// <summary>What is asked below <paramref name="name"/>: null when the name is not asked for at all.</summary>
    public bool TryGet(string name, out TreeSpec? children, out (int? From, int? To)? range)
    {
        if (_entries.TryGetValue(name, out var entry))
        {
            children = entry.Children;
            range = entry.Range;
            return true;
        }

        children = null;
        range = null;
        return false;
    }

    /// <exception cref="FormatException">The expression is malformed (Jenkins answers "Malformed tree expression").</exception>
    public static TreeSpec Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var position = 0;
        var spec = ParseList(expression, ref position);
        return position == expression.Length ? spec : throw new FormatException($"Unexpected '{expression[position]}' at {position}.");
    }

    private static TreeSpec ParseList(string text, ref int position)
    {
        var spec = new TreeSpec();
        while (true)
        {
            var start = position;
            while (position < text.Length && text[position] is not (',' or '[' or ']' or '{' or '}'))
            {
                position++;
            }

            var name = text[start..position].Trim();
            if (name.Length == 0)
            {
                throw new FormatException($"A name is missing at {start}.");
            }

            var range = ParseRange(text, ref position);
            TreeSpec? children = null;
            if (position < text.Length && text[position] == '[')
            {
                position++;
                children = ParseList(text, ref position);
                if (position >= text.Length || text[position] != ']')
                {
                    throw new FormatException($"A ']' is missing at {position}.");
                }

                position++;
            }

            range ??= ParseRange(text, ref position);
            spec._entries[name] = new Entry(children, range);
            if (position < text.Length && text[position] == ',')
            {
                position++;
                continue;
            }

            return spec;
        }
    }

    private static (int? From, int? To)? ParseRange(string text, ref int position)
    {
        if (position >= text.Length || text[position] != '{')
        {
            return null;
        }

        var close = text.IndexOf('}', position);
        if (close < 0)
        {
            throw new FormatException($"A '}}' is missing after {position}.");
        }

        var body = text[(position + 1)..close];
        position = close + 1;
        var comma = body.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            var index = Number(body) ?? throw new FormatException("A range needs a number.");
            return (index, index + 1);
        }

        return (Number(body[..comma]), Number(body[(comma + 1)..]));
    }

    private static int? Number(string text) =>
        text.Trim().Length == 0 ? null
        : int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
        : throw new FormatException($"'{text}' is not a number.");

    private sealed record Entry(TreeSpec? Children, (int? From, int? To)? Range);
}
