using System.Globalization;
using FlowForge.Abstractions.Domain;

namespace FlowForge.Web.Components.PipelineView;

/// <summary>
/// The run history's filters, as the pipeline page's address carries them (so a filtered view can be shared and
/// survives a reload). All are applied by the store.
/// </summary>
/// <param name="Range">"" (any time), <c>24h</c>, <c>7d</c>, <c>30d</c>, or <c>custom</c> for <paramref name="From"/>–<paramref name="To"/>.</param>
/// <param name="From">First day, UTC, with a custom range.</param>
/// <param name="To">Last day (included), UTC, with a custom range.</param>
public sealed record RunFilter(RunStatus? Status = null, string? Branch = null, string? Actor = null, string Range = "", DateOnly? From = null, DateOnly? To = null)
{
    public const string Custom = "custom";

    public static readonly IReadOnlyList<(string Value, string Label)> Ranges =
        [("", "Any time"), ("24h", "Last 24 hours"), ("7d", "Last 7 days"), ("30d", "Last 30 days"), (Custom, "Between dates…")];

    public bool IsEmpty => this == new RunFilter();

    /// <summary>Reads the filters from the address; what does not parse is ignored rather than refused.</summary>
    public static RunFilter FromQuery(string? status, string? branch, string? actor, string? range, string? from, string? to)
    {
        var parsedStatus = Enum.TryParse<RunStatus>(status, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(status, out _)
            ? value
            : (RunStatus?)null;
        var knownRange = Ranges.Any(known => known.Value == range) ? range! : string.Empty;
        return new RunFilter(parsedStatus, Blank(branch), Blank(actor), knownRange, Day(from), Day(to));
    }

    /// <summary>The query-string values, null for the ones not set (which removes them from the address).</summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["status"] = Status?.ToString().ToLowerInvariant(),
        ["branch"] = Branch,
        ["actor"] = Actor,
        ["range"] = Range.Length == 0 ? null : Range,
        ["from"] = Range == Custom ? From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        ["to"] = Range == Custom ? To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
    };

    /// <summary>The creation-time window: since inclusive, until exclusive.</summary>
    public (DateTimeOffset? Since, DateTimeOffset? Until) Window(DateTimeOffset now) => Range switch
    {
        "24h" => (now.AddHours(-24), null),
        "7d" => (now.AddDays(-7), null),
        "30d" => (now.AddDays(-30), null),
        Custom => (Midnight(From), To is { } to ? Midnight(to.AddDays(1)) : null),
        _ => (null, null),
    };

    /// <summary>Whether a run that arrives live belongs in the filtered list.</summary>
    public bool Matches(Run run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (since, until) = Window(now);
        return (Status is null || run.Status == Status)
            && (Branch is null || string.Equals(run.Branch, Branch, StringComparison.Ordinal))
            && (Actor is null || string.Equals(run.Actor, Actor, StringComparison.OrdinalIgnoreCase))
            && (since is null || run.CreatedAt >= since)
            && (until is null || run.CreatedAt < until);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static DateTimeOffset? Midnight(DateOnly? day) =>
        day is { } value ? new DateTimeOffset(value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
}
