using System.Net;
using FlowForge.Emulators.Buildkite.Api;
using FlowForge.Emulators.Buildkite.Middleware;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlowForge.Emulators.Buildkite;

/// <summary>
/// A fake Buildkite REST API (v2) on 127.0.0.1: the real paths and methods, Bearer tokens, page/per_page paging with
/// <c>Link</c>, both <c>RateLimit-*</c> budgets with their 429, error bodies, builds with jobs (command, wait and block
/// steps), job logs, the build and job actions, and signed webhook deliveries. Script it through <see cref="Scenario"/>,
/// <see cref="Faults"/> and <see cref="Webhooks"/>, or over HTTP under <c>/_emulator</c>.
/// </summary>
public sealed class BuildkiteEmulator : IAsyncDisposable
{
    /// <summary>The token accepted when <see cref="BuildkiteEmulatorOptions.Tokens"/> is left at its default.</summary>
    public const string DefaultToken = "buildkite-emulator-token-not-real";

    private readonly WebApplication _app;
    private readonly BuildkiteRuntime _runtime;

    private BuildkiteEmulator(WebApplication app, BuildkiteRuntime runtime)
    {
        _app = app;
        _runtime = runtime;
        Scenario = new BuildkiteScenario(runtime.State);
        Webhooks = new BuildkiteWebhooks(runtime.Hooks);
    }

    /// <summary>Like <c>http://127.0.0.1:41234/v2/</c>: the provider's <c>baseUrl</c>.</summary>
    public Uri ApiBaseUrl => _runtime.ApiBase;

    /// <summary>Where <c>web_url</c>s point.</summary>
    public Uri WebBaseUrl => _runtime.WebBase;

    public BuildkiteScenario Scenario { get; }

    public BuildkiteFaults Faults => _runtime.Faults;

    public BuildkiteWebhooks Webhooks { get; }

    public BuildkiteRequestLog Requests => _runtime.Requests;

    public TimeProvider TimeProvider => _runtime.Time;

    public static async Task<BuildkiteEmulator> StartAsync(BuildkiteEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var runtime = new BuildkiteRuntime(options ?? new BuildkiteEmulatorOptions());
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(BuildkiteEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // The host process may have its own appsettings, URLs or Kestrel endpoints; none of them are the emulator's.
        builder.Configuration.Sources.Clear();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton<IHostLifetime, GitHub.EmbeddedHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });

        var app = builder.Build();
        Configure(app);
        await app.StartAsync(cancellationToken);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.Single()
                ?? throw new InvalidOperationException("Kestrel did not report the emulator's address.");
            runtime.Root = new Uri($"http://127.0.0.1:{new Uri(address).Port}/");
            return new BuildkiteEmulator(app, runtime);
        }
        catch
        {
            await app.DisposeAsync();
            runtime.Dispose();
            throw;
        }
    }

    /// <summary>What is left this minute of the organization's and the token user's budgets.</summary>
    public (int Organization, int User) RateLimitRemaining(string organization, string token)
    {
        var owner = _runtime.State.Token(token) ?? throw new ArgumentException("The emulator does not know this token.", nameof(token));
        var (org, user) = _runtime.Rates.Peek(organization, owner.UserEmail);
        return (org.Remaining, user.Remaining);
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

    /// <summary>API requests are recorded, then pass the gate (faults, token, rate limits) before routing; <c>/_emulator</c> passes neither.</summary>
    private static void Configure(WebApplication app)
    {
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(BuildkiteRuntime.ApiVersionPath),
            api => api.UseMiddleware<RecordingMiddleware>().UseMiddleware<GateMiddleware>());
        app.UseRouting();
        app.MapGet("/", (BuildkiteRuntime runtime) => Results.Json(new { message = "🛠", timestamp = runtime.Time.GetUtcNow().ToUnixTimeSeconds() }));
        ControlEndpoints.Map(app);
        AccountEndpoints.Map(app);
        PipelineEndpoints.Map(app);
        BuildEndpoints.Map(app);
        ActionEndpoints.Map(app);
        JobEndpoints.Map(app);
        app.MapFallback(context => Http.Reply.NotFound().ExecuteAsync(context));
    }
}
