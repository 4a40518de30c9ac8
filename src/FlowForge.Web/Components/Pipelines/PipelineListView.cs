namespace FlowForge.Web.Components.Pipelines;

/// <summary>An item of the virtualized list: group headers and rows share one list so the list scrolls as one.</summary>
/// <param name="Key">Unique in the list: the row's pipeline key, or <c>group:…</c> for a header.</param>
public abstract record PipelineListItem(string Key);

/// <param name="Detail">A second fact about the group (its provider kind, or the instance of a repository).</param>
public sealed record GroupHeaderItem(string Key, string Title, string? Detail, int Count, int Failing) : PipelineListItem(Key);

/// <param name="ShowInstance">Name the instance beside the repository: only worth the space when there are several.</param>
public sealed record PipelineRowItem(PipelineEntry Entry, bool Favourite, bool ShowInstance = true) : PipelineListItem(Entry.Key);

/// <summary>
/// The list as shown: filtered, favourites pinned on top, grouped, with counts per status. Worked out from the
/// pipelines in memory on every change; for a thousand pipelines that is well under a millisecond.
/// </summary>
public sealed class PipelineListView
{
    public const string PinnedKey = "group:pinned";

    private PipelineListView(List<PipelineListItem> items, Dictionary<StatusBucket, int> counts, int counted, int shown, int total)
    {
        Items = items;
        Counts = counts;
        Counted = counted;
        Shown = shown;
        Total = total;
    }

    public static PipelineListView Empty { get; } = new([], StatusBuckets.All.ToDictionary(bucket => bucket, _ => 0), 0, 0, 0);

    /// <summary>Headers and rows, in order. A list because <c>Virtualize</c> wants a collection with a count.</summary>
    public List<PipelineListItem> Items { get; }

    /// <summary>Pipelines per status among those matching every filter but the status.</summary>
    public IReadOnlyDictionary<StatusBucket, int> Counts { get; }

    /// <summary>How many pipelines match every filter but the status (the "All" count).</summary>
    public int Counted { get; }

    /// <summary>How many pipelines are in the list.</summary>
    public int Shown { get; }

    /// <summary>How many pipelines there are, before any filter.</summary>
    public int Total { get; }

    public static PipelineListView Build(IReadOnlyList<PipelineEntry> entries, PipelineFilter filter, PipelineGrouping grouping, IReadOnlySet<string> favourites)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(favourites);
        var counts = StatusBuckets.All.ToDictionary(bucket => bucket, _ => 0);
        var counted = 0;
        var shown = new List<PipelineEntry>();
        foreach (var entry in entries)
        {
            if (!filter.MatchesIgnoringStatus(entry))
            {
                continue;
            }

            counted++;
            counts[entry.Bucket]++;
            if (filter.Status is null || entry.Bucket == filter.Status)
            {
                shown.Add(entry);
            }
        }

        var items = new List<PipelineListItem>(shown.Count + 16);
        var pinned = shown.Where(entry => favourites.Contains(entry.Key)).ToList();
        var rest = pinned.Count == 0 ? shown : [.. shown.Where(entry => !favourites.Contains(entry.Key))];
        var several = entries.Select(entry => entry.Pipeline.Key.InstanceId).Distinct(StringComparer.Ordinal).Skip(1).Any();
        if (pinned.Count > 0)
        {
            AddGroup(items, PinnedKey, "Pinned", null, pinned, favourite: true, several);
        }

        foreach (var group in Groups(rest, grouping, pinned.Count > 0, several))
        {
            AddGroup(items, group.Key, group.Title, group.Detail, group.Entries, favourite: false, several);
        }

        return new PipelineListView(items, counts, counted, shown.Count, entries.Count);
    }

    private static IEnumerable<(string Key, string Title, string? Detail, List<PipelineEntry> Entries)> Groups(
        List<PipelineEntry> entries, PipelineGrouping grouping, bool afterPinned, bool severalInstances)
    {
        if (entries.Count == 0)
        {
            return [];
        }

        return grouping switch
        {
            PipelineGrouping.Instance => entries
                .GroupBy(entry => entry.Pipeline.Key.InstanceId, StringComparer.Ordinal)
                .Select(group => ($"group:i:{group.Key}", group.First().InstanceName, (string?)group.First().ProviderKind, group.ToList()))
                .OrderBy(group => group.Item2, StringComparer.OrdinalIgnoreCase).ThenBy(group => group.Item1, StringComparer.Ordinal),
            PipelineGrouping.Repository => entries
                .GroupBy(entry => (entry.Pipeline.Key.InstanceId, entry.Pipeline.Repository))
                .Select(group => (
                    $"group:r:{group.Key.InstanceId}/{group.Key.Repository}",
                    group.Key.Repository,
                    severalInstances ? group.First().InstanceName : null,
                    group.ToList()))
                .OrderBy(group => group.Item2, StringComparer.OrdinalIgnoreCase).ThenBy(group => group.Item3, StringComparer.OrdinalIgnoreCase),

            // Flat: one list; after the pinned ones a header tells where the others begin.
            _ => [("group:all", afterPinned ? "All other pipelines" : "All pipelines", null, entries)],
        };
    }

    private static void AddGroup(
        List<PipelineListItem> items, string key, string title, string? detail, List<PipelineEntry> entries, bool favourite, bool showInstance)
    {
        items.Add(new GroupHeaderItem(key, title, detail, entries.Count, entries.Count(entry => entry.IsFailing)));
        items.AddRange(entries.Select(entry => new PipelineRowItem(entry, favourite, showInstance)));
    }
}
