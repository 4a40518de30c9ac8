using System.Net;
using FlowForge.Emulators.GitHub;
using FlowForge.Emulators.Jenkins.Api;
using FlowForge.Emulators.Jenkins.Http;
using FlowForge.Emulators.Jenkins.Middleware;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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

    private readonly WebApplication _app;
    private readonly JenkinsRuntime _runtime;

    private JenkinsEmulator(WebApplication app, JenkinsRuntime runtime, Uri baseUrl)
    {
        _app = app;
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
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(JenkinsEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // The host process may have its own appsettings, ASPNETCORE_URLS or Kestrel endpoints; none of them are ours.
        builder.Configuration.Sources.Clear();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });

        var app = builder.Build();
        app.UseMiddleware<RequestLogMiddleware>();
        app.Use((context, next) =>
            context.Request.Path.StartsWithSegments(runtime.ControlPath, StringComparison.Ordinal) ? ControlEndpoints.HandleAsync(context)
            : context.Request.Path.StartsWithSegments(runtime.ContextPath, StringComparison.Ordinal) || !runtime.ContextPath.HasValue ? next(context)
            : JenkinsResponse.NotFound().ExecuteAsync(context));
        app.UseMiddleware<GateMiddleware>();
        app.Run(JenkinsRouter.HandleAsync);
        await app.StartAsync(cancellationToken);

        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("Kestrel did not report the address it listens on.");
            var root = new Uri($"http://127.0.0.1:{new Uri(address).Port}/");
            var baseUrl = runtime.ContextPath.HasValue ? new Uri(root, runtime.ContextPath.Value + "/") : root;
            runtime.State.BaseUrl = baseUrl;
            return new JenkinsEmulator(app, runtime, baseUrl);
        }
        catch
        {
            await app.DisposeAsync();
            runtime.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _runtime.StopAsync();
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
            _runtime.Dispose();
        }
    }
}
