using System.Net;
using FlowForge.Emulators.GitLab.Api;
using FlowForge.Emulators.GitLab.Middleware;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlowForge.Emulators.GitLab;

/// <summary>
/// A fake GitLab REST API (the CI subset, under <c>/api/v4</c>) on 127.0.0.1: real paths and methods, token checks,
/// offset and keyset paging, <c>RateLimit-*</c> throttles with 429s, error shapes, CI files with inputs, and
/// Pipeline/Job Hook deliveries. Script it through <see cref="Scenario"/>, <see cref="Faults"/> and
/// <see cref="Webhooks"/>, or over HTTP under <c>/api/v4/_emulator</c>.
/// </summary>
public sealed class GitLabEmulator : IAsyncDisposable
{
    /// <summary>The token accepted when <see cref="GitLabEmulatorOptions.Tokens"/> is left at its default.</summary>
    public const string DefaultToken = "emulator-token";

    private readonly WebApplication _app;
    private readonly GitLabRuntime _runtime;

    private GitLabEmulator(WebApplication app, GitLabRuntime runtime)
    {
        _app = app;
        _runtime = runtime;
        Scenario = new GitLabScenario(runtime.State);
        Webhooks = new GitLabWebhooks(runtime.Hooks);
    }

    /// <summary>Like <c>http://127.0.0.1:41234/api/v4/</c>: what a provider's <c>baseUrl</c> is set to. Ends with '/'.</summary>
    public Uri ApiBaseUrl => _runtime.ApiBase;

    /// <summary>The web root, which <c>web_url</c>s point under.</summary>
    public Uri WebBaseUrl => _runtime.Web;

    public GitLabScenario Scenario { get; }

    public GitLabFaults Faults => _runtime.Faults;

    public GitLabWebhooks Webhooks { get; }

    public GitLabRequestLog Requests => _runtime.Requests;

    public TimeProvider TimeProvider => _runtime.Time;

    public static async Task<GitLabEmulator> StartAsync(GitLabEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var runtime = new GitLabRuntime(options ?? new GitLabEmulatorOptions());
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(GitLabEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // The host process may have its own appsettings, ASPNETCORE_URLS or Kestrel endpoints; none of them are ours.
        builder.Configuration.Sources.Clear();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton<IHostLifetime, InProcessLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });

        var app = builder.Build();
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseMiddleware<GateMiddleware>();
        app.UseRouting();
        var api = app.MapGroup(GitLabRuntime.ApiPath.Value!);
        ControlEndpoints.Map(api);
        ProjectEndpoints.Map(api);
        PipelineEndpoints.Map(api);
        JobEndpoints.Map(api);
        FileEndpoints.Map(api);
        app.MapFallback(context => ApiResult.Message(404, "404 Not Found").ExecuteAsync(context));
        await app.StartAsync(cancellationToken);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.Single()
                ?? throw new InvalidOperationException("Kestrel did not tell the emulator's address.");
            runtime.Web = new Uri($"http://127.0.0.1:{new Uri(address).Port}/");
            return new GitLabEmulator(app, runtime);
        }
        catch
        {
            await app.DisposeAsync();
            runtime.Dispose();
            throw;
        }
    }

    /// <summary>What is left of the token's user's throttle this minute.</summary>
    public int RateLimitRemaining(string token)
    {
        var user = _runtime.State.UserForToken(token) ?? throw new ArgumentException("The emulator does not know this token.", nameof(token));
        return _runtime.Throttle.Peek(user.Username).Remaining;
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

    /// <summary>Lives inside another process (a test, the server's demo): stops when disposed, never on the host's Ctrl+C.</summary>
    private sealed class InProcessLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
