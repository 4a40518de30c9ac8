using System.Globalization;
using FlowForge.Abstractions.Providers;

namespace FlowForge.Providers.Jenkins;

/// <summary>
/// Jenkins names items by their full name (<c>team/api/main</c>, folders separated by '/') and addresses them as
/// <c>job/team/job/api/job/main/</c>. FlowForge needs a pipeline's native id to be one URL path segment, so the full
/// name's segments are joined with '~' (<c>team~api~main</c>); a run is its job's id and build number
/// (<c>team~api~main:42</c>), since build numbers are unique only within their job.
/// </summary>
internal static class JenkinsPaths
{
    public const char Separator = '~';
    public const char RunSeparator = ':';

    /// <summary>
    /// <c>team/api/main</c> → <c>team~api~main</c>. Jenkins refuses '/', ':' and '%' in names it checks, but multibranch
    /// projects name branch jobs by the percent-encoded branch (<c>feature%2Fx</c>): '%' and '~' are escaped so the
    /// id always turns back into the same name.
    /// </summary>
    public static string NativeId(string fullName) =>
        string.Join(Separator, Segments(fullName).Select(segment =>
            segment.Replace("%", "%25", StringComparison.Ordinal).Replace("~", "%7E", StringComparison.Ordinal)));

    /// <summary><c>team~api~main</c> → <c>team/api/main</c>.</summary>
    public static string FullName(string nativeId)
    {
        if (string.IsNullOrWhiteSpace(nativeId) || nativeId.Contains('/', StringComparison.Ordinal))
        {
            throw new ProviderException(ProviderErrorKind.NotFound, $"'{nativeId}' is not a Jenkins job id.");
        }

        return string.Join('/', nativeId.Split(Separator).Select(segment => segment.Length == 0
            ? throw new ProviderException(ProviderErrorKind.NotFound, $"'{nativeId}' is not a Jenkins job id.")
            : Uri.UnescapeDataString(segment)));
    }

    /// <summary><c>team/api/main</c> → <c>job/team/job/api/job/main/</c>, each name percent-encoded; "" for the root.</summary>
    public static string JobPath(string fullName) =>
        fullName.Length == 0 ? "" : string.Concat(Segments(fullName).Select(segment => $"job/{Uri.EscapeDataString(segment)}/"));

    /// <summary>The build's path: <c>job/team/job/api/42/</c>.</summary>
    public static string BuildPath(string fullName, long number) => $"{JobPath(fullName)}{Number(number)}/";

    public static string RunId(string jobNativeId, long number) => $"{jobNativeId}{RunSeparator}{Number(number)}";

    /// <summary>Splits a run id into its job's native id and the build number.</summary>
    public static (string JobNativeId, long Number) ParseRunId(string runNativeId)
    {
        ArgumentNullException.ThrowIfNull(runNativeId);
        var colon = runNativeId.LastIndexOf(RunSeparator);
        if (colon <= 0
            || !long.TryParse(runNativeId.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number <= 0)
        {
            throw new ProviderException(ProviderErrorKind.NotFound, $"'{runNativeId}' is not a Jenkins run id (job:number).");
        }

        return (runNativeId[..colon], number);
    }

    public static string Number(long number) => number.ToString(CultureInfo.InvariantCulture);

    private static string[] Segments(string fullName)
    {
        var segments = fullName.Split('/');
        return segments.Any(string.IsNullOrWhiteSpace)
            ? throw new ProviderException(ProviderErrorKind.NotFound, $"'{fullName}' is not a Jenkins item name.")
            : segments;
    }
}
