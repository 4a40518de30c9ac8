using System.Globalization;

namespace FlowForge.Server.Demo;

/// <summary>
/// <c>--demo</c>: FlowForge starts a GitHub emulator in-process, with activity that never stops, and watches
/// it through the real GitHub provider, so the whole path works before anyone enters a token.
/// <c>--demo-pipelines N</c> (or <c>FlowForge:Demo:Pipelines</c>) adds N more pipelines, to try the dashboard at scale.
/// </summary>
internal static class DemoMode
{
    public const string Flag = "--demo";
    public const string PipelinesFlag = "--demo-pipelines";
    public const string InstanceId = "demo-github";
    public const string EnabledKey = "FlowForge:Demo:Enabled";
    public const string PipelinesKey = "FlowForge:Demo:Pipelines";

    /// <summary>More than this many extra pipelines is a mistake (a typo'd zero), not a test.</summary>
    public const int MaxPipelines = 20_000;

    /// <summary>
    /// Removes the flags (the configuration parser would take the next argument as the demo flag's value) and turns
    /// <c>--demo-pipelines N</c>, which implies <c>--demo</c>, into the <see cref="PipelinesKey"/> setting.
    /// </summary>
    /// <exception cref="ArgumentException"><c>--demo-pipelines</c> without a whole number from 0 to <see cref="MaxPipelines"/>.</exception>
    public static (string[] Arguments, bool Enabled) Extract(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var rest = new List<string>(args.Length);
        var enabled = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (string.Equals(arg, Flag, StringComparison.Ordinal))
            {
                enabled = true;
            }
            else if (string.Equals(arg, PipelinesFlag, StringComparison.Ordinal) || arg.StartsWith(PipelinesFlag + "=", StringComparison.Ordinal))
            {
                var value = arg.Length > PipelinesFlag.Length ? arg[(PipelinesFlag.Length + 1)..] : i + 1 < args.Length ? args[++i] : null;
                rest.Add($"--{PipelinesKey}={ParseCount(value)}");
                enabled = true;
            }
            else
            {
                rest.Add(arg);
            }
        }

        return ([.. rest], enabled);
    }

    /// <summary>The extra pipelines configured, 0 when none.</summary>
    /// <exception cref="ArgumentException">The setting is not a whole number from 0 to <see cref="MaxPipelines"/>.</exception>
    public static int PipelinesOf(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[PipelinesKey];
        return string.IsNullOrWhiteSpace(value) ? 0 : ParseCount(value);
    }

    private static int ParseCount(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= MaxPipelines
            ? count
            : throw new ArgumentException($"{PipelinesFlag} takes a number of pipelines from 0 to {MaxPipelines}, like '{PipelinesFlag} 1000'; '{value}' is not one.");
}
