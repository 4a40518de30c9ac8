using FlowForge.Emulators.Buildkite.Api;
using FlowForge.Emulators.Buildkite.Middleware;
using FlowForge.Emulators.Infrastructure.Hosting;
using FlowForge.Emulators.Infrastructure.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

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

    private readonly EmulatorHost _host;
    private readonly BuildkiteRuntime _runtime;

    private BuildkiteEmulator(EmulatorHost host, BuildkiteRuntime runtime)
    {
        _host = host;
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
        var host = await EmulatorHost.StartAsync(runtime, listeners: 1, app => Configure(app, runtime), bound => runtime.Root = bound.Root(), cancellationToken);
        return new BuildkiteEmulator(host, runtime);
    }

    /// <summary>What is left this minute of the organization's and the token user's budgets.</summary>
    public (int Organization, int User) RateLimitRemaining(string organization, string token)
    {
        var owner = _runtime.State.Token(token) ?? throw new ArgumentException("The emulator does not know this token.", nameof(token));
        var (org, user) = _runtime.Rates.Peek(organization, owner.UserEmail);
        return (org.Remaining, user.Remaining);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    /// <summary>API requests are recorded, then pass the gate (faults, token, rate limits) before routing; <c>/_emulator</c> passes neither.</summary>
    private static void Configure(WebApplication app, BuildkiteRuntime runtime)
    {
        app.UseRequestLog(new BuildkiteRequestRecorder(runtime));
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(BuildkiteRuntime.ApiVersionPath),
            api => api.UseMiddleware<GateMiddleware>());
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
