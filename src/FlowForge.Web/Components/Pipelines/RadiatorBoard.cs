namespace FlowForge.Web.Components.Pipelines;

/// <summary>
/// What a radiator shows: broken pipelines first, then the ones running or waiting, then the rest. A screen holds only
/// so many tiles readable from across the room, so beyond <c>max</c> the rest are summed up in one last tile.
/// </summary>
/// <param name="Hidden">Pipelines per status that did not get a tile.</param>
public sealed record RadiatorBoard(IReadOnlyList<PipelineEntry> Tiles, IReadOnlyDictionary<StatusBucket, int> Hidden, IReadOnlyDictionary<StatusBucket, int> Counts, int Failing)
{
    /// <summary>Three rows of four at 1920×1080 with every text 32 px or more; <c>?max=</c> changes it for other screens.</summary>
    public const int DefaultMax = 12;
    public const int MaxMax = 500;

    public int HiddenCount => Hidden.Values.Sum();

    /// <param name="instances">Only these instances; empty for all.</param>
    /// <param name="max">How many tiles fit, the summary tile included.</param>
    public static RadiatorBoard Arrange(IReadOnlyList<PipelineEntry> entries, IReadOnlySet<string> instances, int max)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(instances);
        max = Math.Clamp(max, 1, MaxMax);
        var shown = entries.Where(entry => instances.Count == 0 || instances.Contains(entry.Pipeline.Key.InstanceId))
            .OrderBy(Rank)
            .ThenByDescending(entry => entry.Bucket is StatusBucket.Failed or StatusBucket.Running or StatusBucket.Queued ? Activity(entry) : DateTimeOffset.MinValue)
            .ThenBy(entry => entry.Pipeline.Repository, StringComparer.OrdinalIgnoreCase)
            .ThenBy(entry => entry.Pipeline.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var counts = StatusBuckets.All.ToDictionary(bucket => bucket, bucket => shown.Count(entry => entry.Bucket == bucket));
        var tiles = shown.Count <= max ? shown : shown.Take(max - 1).ToList();
        var hidden = StatusBuckets.All.ToDictionary(bucket => bucket, bucket => shown.Skip(tiles.Count).Count(entry => entry.Bucket == bucket));
        return new RadiatorBoard(tiles, hidden, counts, shown.Count(entry => entry.IsFailing));
    }

    /// <summary>Failed; then running (still-broken ones first), then waiting; then the quiet ones, successes last.</summary>
    private static int Rank(PipelineEntry entry) => entry.Bucket switch
    {
        StatusBucket.Failed => 0,
        StatusBucket.Running or StatusBucket.Queued when entry.IsFailing => 1,
        StatusBucket.Running => 2,
        StatusBucket.Queued => 3,
        StatusBucket.Succeeded => 5,
        _ => 4,
    };

    private static DateTimeOffset Activity(PipelineEntry entry) =>
        entry.LatestRun is { } run ? run.FinishedAt ?? run.StartedAt ?? run.CreatedAt : DateTimeOffset.MinValue;
}
