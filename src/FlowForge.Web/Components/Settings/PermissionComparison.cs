using FlowForge.Abstractions.Providers;

namespace FlowForge.Web.Components.Settings;

public enum PermissionState
{
    Granted,
    Missing,

    /// <summary>The provider's answer cannot tell: it reported no scopes at all, or none this permission is spelt in.</summary>
    Unknown,
}

public sealed record PermissionVerdict(PermissionRequirement Requirement, PermissionState State);

/// <summary>
/// Compares the permissions a provider declares its features need with those a token check reported. Providers word
/// requirements for people ("admin:repo_hook (classic token) or Webhooks: read and write (fine-grained token)"): each
/// alternative before a parenthesised note is a permission name, and only names without spaces are scopes a provider
/// can report (<c>repo</c>, <c>read_api</c>); the rest are permissions no scope list can confirm or deny.
/// </summary>
internal static class PermissionComparison
{
    private static readonly string[] Levels = ["read", "write", "admin"];

    public static IReadOnlyList<PermissionVerdict> Compare(IReadOnlyList<PermissionRequirement> requirements, IReadOnlyList<string> granted)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        ArgumentNullException.ThrowIfNull(granted);
        return [.. requirements.Select(requirement => new PermissionVerdict(requirement, StateOf(requirement, granted)))];
    }

    private static PermissionState StateOf(PermissionRequirement requirement, IReadOnlyList<string> granted)
    {
        // Tokens that report nothing (GitHub's fine-grained tokens) leave every requirement open.
        if (granted.Count == 0)
        {
            return PermissionState.Unknown;
        }

        var scopes = Alternatives(requirement.Permission).Where(IsScope).ToList();
        return scopes.Any(scope => granted.Any(held => Covers(held.Trim(), scope))) ? PermissionState.Granted
            : scopes.Count > 0 ? PermissionState.Missing
            : PermissionState.Unknown;
    }

    internal static IEnumerable<string> Alternatives(string permission) =>
        permission.Split(" or ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(WithoutNote);

    private static string WithoutNote(string alternative)
    {
        var note = alternative.LastIndexOf(" (", StringComparison.Ordinal);
        return note > 0 && alternative.EndsWith(')') ? alternative[..note].Trim() : alternative;
    }

    private static bool IsScope(string name) => name.Length > 0 && !name.Any(char.IsWhiteSpace);

    /// <summary>
    /// Whether a held scope includes a needed one: the same scope, a parent (<c>repo</c> holds <c>repo:status</c>), or a
    /// higher level of the same resource (<c>admin:repo_hook</c> holds <c>write:repo_hook</c> and <c>read:repo_hook</c>).
    /// </summary>
    internal static bool Covers(string held, string needed)
    {
        if (string.Equals(held, needed, StringComparison.OrdinalIgnoreCase)
            || needed.StartsWith(held + ":", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var (heldLevel, heldResource) = Level(held);
        var (neededLevel, neededResource) = Level(needed);
        return heldLevel >= 0 && neededLevel >= 0 && heldLevel >= neededLevel
            && string.Equals(heldResource, neededResource, StringComparison.OrdinalIgnoreCase);
    }

    private static (int Level, string Resource) Level(string scope)
    {
        var colon = scope.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            ? (Array.FindIndex(Levels, level => scope.AsSpan(0, colon).Equals(level, StringComparison.OrdinalIgnoreCase)), scope[(colon + 1)..])
            : (-1, scope);
    }
}
