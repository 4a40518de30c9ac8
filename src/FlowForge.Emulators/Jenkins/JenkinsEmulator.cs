using FlowForge.Emulators.Infrastructure.Hosting;
using FlowForge.Emulators.Infrastructure.Requests;
using FlowForge.Emulators.Jenkins.Api;
using FlowForge.Emulators.Jenkins.Http;
using FlowForge.Emulators.Jenkins.Middleware;
using Microsoft.AspNetCore.Builder;

namespace FlowForge.Emulators.Jenkins;

/// <summary>
/// A fake Jenkins controller on 127.0.0.1: nested folders and multibranch projects, jobs, builds and the queue over
/// <c>api/json</c> with <c>tree</c>, console logs (whole and progressive), the Pipeline Stage View's <c>wfapi</c>, builds
/// requested with parameters and followed through the queue, stop, HTTP Basic with API tokens, the CSRF crumb issuer and
/// Jenkins' error pages. No rate limit and no webhooks, as in Jenkins. Script it through <see cref="Scenario"/> and
/// <see cref="Faults"/>, or over HTTP under <c>/_emulator</c>.
/// </summary>
public sealed class JenkinsEmulator : IAsyncDisposable
{
    /// <summary>The API token of <c>admin</c> when <see cref="JenkinsEmulatorOptions.Users"/> is left at its default.</summary>
    public const string DefaultToken = "emulator-token";

    private readonly EmulatorHost _host;
    private readonly JenkinsRuntime _runtime;

    private JenkinsEmulator(EmulatorHost host, JenkinsRuntime runtime, Uri baseUrl)
    {
        _host = host;
        _runtime = runtime;
        BaseUrl = baseUrl;
        Scenario = new JenkinsScenario(runtime.State);
    }

    /// <summary>Like <c>http://127.0.0.1:41234/</c>, or <c>http://127.0.0.1:41234/jenkins/</c> with a context path; always ends with '/'.</summary>
    public Uri BaseUrl { get; }

    public JenkinsScenario Scenario { get; }

    public JenkinsFaults Faults => _runtime.Faults;

    public JenkinsRequestLog Requests => _runtime.Requests;

    public TimeProvider TimeProvider => _runtime.Time;

    public static async Task<JenkinsEmulator> StartAsync(JenkinsEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var runtime = new JenkinsRuntime(options ?? new JenkinsEmulatorOptions());
        var host = await EmulatorHost.StartAsync(runtime, listeners: 1, app => Configure(app, runtime), bound => runtime.State.BaseUrl = PathPrefix.Below(bound.Root(), runtime.ContextPath), cancellationToken);
        return new JenkinsEmulator(host, runtime, runtime.State.BaseUrl);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    /// <summary>
    /// Every request but <c>/_emulator</c> is recorded; requests outside the context path are 404s; the rest pass the gate
    /// (faults, credentials, crumb) on their way to the router.
    /// </summary>
    private static void Configure(WebApplication app, JenkinsRuntime runtime)
    {
        app.UseRequestLog(new JenkinsRequestRecorder(runtime));
        app.Use((context, next) =>
            context.Request.Path.StartsWithSegments(runtime.ControlPath, StringComparison.Ordinal) ? ControlEndpoints.HandleAsync(context)
            : context.Request.Path.StartsWithSegments(runtime.ContextPath, StringComparison.Ordinal) || !runtime.ContextPath.HasValue ? next(context)
            : JenkinsResponse.NotFound().ExecuteAsync(context));
        app.UseMiddleware<GateMiddleware>();
        app.Run(JenkinsRouter.HandleAsync);
    }
}
