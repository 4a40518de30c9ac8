using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.Infrastructure.Hosting;

/// <summary>A path an emulator is mounted under (GitHub Enterprise's <c>/api/v3</c>, a Jenkins context path), as options give it.</summary>
internal static class PathPrefix
{
    /// <summary>Empty, or like <c>/api/v3</c>: one leading slash, no trailing one, whatever the option said.</summary>
    public static PathString Normalize(string? prefix)
    {
        var trimmed = (prefix ?? "").Trim().TrimEnd('/');
        return trimmed.Length == 0 ? PathString.Empty : new PathString(trimmed.StartsWith('/') ? trimmed : "/" + trimmed);
    }

    /// <summary><paramref name="root"/> with <paramref name="prefix"/> below it, ending with '/'.</summary>
    public static Uri Below(Uri root, PathString prefix) => prefix.HasValue ? new Uri(root, prefix.Value + "/") : root;
}
