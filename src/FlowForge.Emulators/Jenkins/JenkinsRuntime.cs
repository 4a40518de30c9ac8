using System.Globalization;
using FlowForge.Emulators.Infrastructure.Hosting;
using FlowForge.Emulators.Jenkins.State;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.Jenkins;

/// <summary>Everything the request pipeline of one Jenkins emulator shares.</summary>
internal sealed class JenkinsRuntime : EmulatorRuntimeCore
{
    public JenkinsRuntime(JenkinsEmulatorOptions options)
        : base(options.TimeProvider)
    {
        ArgumentNullException.ThrowIfNull(options.Users);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QuietPeriod, TimeSpan.Zero, nameof(options.QuietPeriod));
        Options = options;
        ContextPath = PathPrefix.Normalize(options.ContextPath);
        State = new JenkinsState(options);
        Faults = new JenkinsFaults();
        Requests = new JenkinsRequestLog(options.RequestLogCapacity);
        Crumbs = new CrumbIssuer();
        Session = Convert.ToHexStringLower(BitConverter.GetBytes(Environment.TickCount64))[..8];
    }

    public JenkinsEmulatorOptions Options { get; }

    /// <summary>Empty, or like <c>/jenkins</c> (leading slash, no trailing slash).</summary>
    public PathString ContextPath { get; }

    public PathString ControlPath => ContextPath.Add("/_emulator");

    public JenkinsState State { get; }

    public JenkinsFaults Faults { get; }

    public JenkinsRequestLog Requests { get; }

    public CrumbIssuer Crumbs { get; }

    /// <summary>What <c>X-Jenkins-Session</c> says: changes with every start of the controller.</summary>
    public string Session { get; }

    internal static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
