namespace FlowForge.Web.Components.Settings;

/// <summary>
/// ARIA states as the strings they must be: a bare <c>aria-invalid</c> (what a Blazor <c>true</c> renders) means false to
/// assistive technology, so "true" is spelt out and a false state is left off.
/// </summary>
internal static class Aria
{
    public static string? Of(bool state) => state ? "true" : null;

    public static string Expanded(bool state) => state ? "true" : "false";
}
