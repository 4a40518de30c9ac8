namespace FlowForge.Server.Demo;

/// <summary>
/// <c>--demo</c>: FlowForge starts a GitHub emulator in-process, with activity that never stops, and watches
/// it through the real GitHub provider, so the whole path works before anyone enters a token.
/// </summary>
internal static class DemoMode
{
    public const string Flag = "--demo";
    public const string InstanceId = "demo-github";
    public const string EnabledKey = "FlowForge:Demo:Enabled";

    /// <summary>Removes the flag (the configuration parser would take the next argument as its value).</summary>
    public static (string[] Arguments, bool Enabled) Extract(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var rest = args.Where(arg => !string.Equals(arg, Flag, StringComparison.Ordinal)).ToArray();
        return (rest, rest.Length != args.Length);
    }
}
