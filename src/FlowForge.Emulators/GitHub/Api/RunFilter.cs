using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.GitHub.Api;

/// <summary>The query filters of GitHub's run lists: branch, status (a status or a conclusion), event, actor, head_sha, check_suite_id, created.</summary>
internal static class RunFilter
{
    public static IReadOnlyList<EmulatedRun> Apply(IEnumerable<EmulatedRun> runs, HttpContext context)
    {
        var branch = Endpoint.Query(context, "branch");
        var status = Endpoint.Query(context, "status");
        var trigger = Endpoint.Query(context, "event");
        var actor = Endpoint.Query(context, "actor");
        var headSha = Endpoint.Query(context, "head_sha");
        var checkSuite = Endpoint.Query(context, "check_suite_id");
        var created = Created(Endpoint.Query(context, "created"));
        return
        [
            .. runs.Where(r =>
                (branch is null || r.HeadBranch == branch)
                && (status is null || r.Status == status || r.Conclusion == status)
                && (trigger is null || r.Event == trigger)
                && (actor is null || r.Actor.Equals(actor, StringComparison.OrdinalIgnoreCase))
                && (headSha is null || r.HeadSha.Equals(headSha, StringComparison.OrdinalIgnoreCase))
                && (checkSuite is null || r.CheckSuiteId.ToString(CultureInfo.InvariantCulture) == checkSuite)
                && created(r.CreatedAt)),
        ];
    }

    /// <summary>GitHub's date qualifiers: <c>2026-01-01</c>, <c>&gt;=…</c>, <c>&lt;=…</c>, <c>&gt;…</c>, <c>&lt;…</c>, <c>a..b</c> (either side may be <c>*</c>).</summary>
    private static Func<DateTimeOffset, bool> Created(string? qualifier)
    {
        if (qualifier is null)
        {
            return _ => true;
        }

        if (qualifier.Contains("..", StringComparison.Ordinal))
        {
            var parts = qualifier.Split("..", 2);
            var from = parts[0] == "*" ? DateTimeOffset.MinValue : Parse(parts[0]).Start;
            var to = parts[1] == "*" ? DateTimeOffset.MaxValue : Parse(parts[1]).End;
            return t => t >= from && t < to;
        }

        foreach (var (prefix, test) in Comparisons)
        {
            if (qualifier.StartsWith(prefix, StringComparison.Ordinal))
            {
                var bound = Parse(qualifier[prefix.Length..]);
                return t => test(t, bound);
            }
        }

        var day = Parse(qualifier);
        return t => t >= day.Start && t < day.End;
    }

    private static readonly (string Prefix, Func<DateTimeOffset, (DateTimeOffset Start, DateTimeOffset End), bool> Test)[] Comparisons =
    [
        (">=", (t, b) => t >= b.Start),
        ("<=", (t, b) => t < b.End),
        (">", (t, b) => t >= b.End),
        ("<", (t, b) => t < b.Start),
    ];

    /// <summary>A date covers its whole day; a timestamp covers its second.</summary>
    private static (DateTimeOffset Start, DateTimeOffset End) Parse(string value)
    {
        if (DateTimeOffset.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day))
        {
            return (day, day.AddDays(1));
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? (time, time.AddSeconds(1))
            : (DateTimeOffset.MaxValue, DateTimeOffset.MaxValue);
    }
}
