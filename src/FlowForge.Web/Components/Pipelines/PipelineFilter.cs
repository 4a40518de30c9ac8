namespace FlowForge.Web.Components.Pipelines;

/// <summary>How the pipelines list is arranged.</summary>
public enum PipelineGrouping
{
    Instance,
    Repository,
    None,
}

/// <summary>
/// What the person narrowed the list to. Applied in the component, on the pipelines already in memory, so every
/// keystroke answers at once instead of asking the server.
/// </summary>
/// <param name="Text">Matched, case-insensitively, against name, repository, key, branch, commit message and author.</param>
/// <param name="Provider">A provider kind (<c>github</c>); null for every provider.</param>
/// <param name="Instance">An instance id; null for every instance.</param>
/// <param name="Branch">Part of the latest run's branch.</param>
/// <param name="OnlyFailing">Only pipelines still broken (see <see cref="PipelineEntry.IsFailing"/>).</param>
public sealed record PipelineFilter(
    string? Text = null,
    StatusBucket? Status = null,
    string? Provider = null,
    string? Instance = null,
    string? Branch = null,
    bool OnlyFailing = false)
{
    public static PipelineFilter None { get; } = new();

    public bool IsEmpty => this with { Text = Blank(Text), Branch = Blank(Branch) } == None;

    public bool Matches(PipelineEntry entry) => MatchesIgnoringStatus(entry) && (Status is null || entry.Bucket == Status);

    /// <summary>Every filter but the status: what the per-status counts are counted over.</summary>
    public bool MatchesIgnoringStatus(PipelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var key = entry.Pipeline.Key;
        return (Provider is null || string.Equals(entry.ProviderKind, Provider, StringComparison.OrdinalIgnoreCase))
            && (Instance is null || string.Equals(key.InstanceId, Instance, StringComparison.Ordinal))
            && (!OnlyFailing || entry.IsFailing)
            && (string.IsNullOrWhiteSpace(Branch) || Contains(entry.LatestRun?.Branch, Branch.Trim()))
            && (string.IsNullOrWhiteSpace(Text) || MatchesText(entry, Text.Trim()));
    }

    private static bool MatchesText(PipelineEntry entry, string text) =>
        Contains(entry.Pipeline.Name, text) || Contains(entry.Pipeline.Repository, text) || Contains(entry.Key, text)
        || Contains(entry.LatestRun?.Branch, text) || Contains(entry.Message, text) || Contains(entry.Author, text)
        || Contains(entry.InstanceName, text);

    private static bool Contains(string? haystack, string needle) =>
        haystack is not null && haystack.Contains(needle, StringComparison.OrdinalIgnoreCase);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
