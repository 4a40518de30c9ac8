using System.Globalization;
using FlowForge.Emulators.Jenkins.State;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.Jenkins;

/// <summary>Everything the request pipeline of one Jenkins emulator shares.</summary>
internal sealed class JenkinsRuntime : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public JenkinsRuntime(JenkinsEmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        ArgumentNullException.ThrowIfNull(options.Users);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QuietPeriod, TimeSpan.Zero, nameof(options.QuietPeriod));
        Options = options;
        var contextPath = (options.ContextPath ?? "").Trim().TrimEnd('/');
        ContextPath = contextPath.Length == 0 ? PathString.Empty : new PathString(contextPath.StartsWith('/') ? contextPath : "/" + contextPath);
        State = new JenkinsState(options);
        Faults = new JenkinsFaults();
        Requests = new JenkinsRequestLog(options.RequestLogCapacity);
        Crumbs = new CrumbIssuer();
        Session = Convert.ToHexStringLower(BitConverter.GetBytes(Environment.TickCount64))[..8];
    }

    public JenkinsEmulatorOptions Options { get; }

    public TimeProvider Time => Options.TimeProvider;

    /// <summary>Empty, or like <c>/jenkins</c> (leading slash, no trailing slash).</summary>
    public PathString ContextPath { get; }

    public PathString ControlPath => ContextPath.Add("/_emulator");

    public JenkinsState State { get; }

    public JenkinsFaults Faults { get; }

    public JenkinsRequestLog Requests { get; }

    public CrumbIssuer Crumbs { get; }

    /// <summary>What <c>X-Jenkins-Session</c> says: changes with every start of the controller.</summary>
    public string Session { get; }

    /// <summary>Cancelled when the emulator shuts down, so held-back bodies do not delay it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public Task StopAsync() => _stopping.CancelAsync();

    public void Dispose() => _stopping.Dispose();

    internal static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
