using System.Text.RegularExpressions;

namespace FlowForge.Providers.GitLab;

/// <summary>
/// The <c>refs</c> setting: which branches and tags a project's runs are listed for (<c>main, release/*</c>), <c>*</c>
/// matching any run of characters. One plain name is asked of GitLab (<c>?ref=</c>), so other refs' pipelines do not
/// crowd the page out; patterns are matched on the page FlowForge reads.
/// </summary>
internal sealed class GitLabRefFilter
{
    private readonly Regex[] _patterns;

    private GitLabRefFilter(IReadOnlyList<string> patterns)
    {
        Patterns = patterns;
        _patterns = [.. patterns.Select(pattern => new Regex(
            "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(100)))];
    }

    public static GitLabRefFilter All { get; } = new([]);

    public IReadOnlyList<string> Patterns { get; }

    /// <summary>The one ref GitLab can filter on itself, when the setting is exactly one name without a wildcard.</summary>
    public string? ServerSideRef => Patterns is [var only] && !only.Contains('*', StringComparison.Ordinal) ? only : null;

    /// <summary>Names and patterns separated by commas and/or spaces; empty: every ref.</summary>
    public static GitLabRefFilter Parse(string? setting)
    {
        var patterns = (setting ?? string.Empty)
            .Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return patterns.Count == 0 ? All : new GitLabRefFilter(patterns);
    }

    public bool Matches(string gitRef) => _patterns.Length == 0 || _patterns.Any(pattern => pattern.IsMatch(gitRef));
}
