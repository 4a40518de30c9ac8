using System.Net;
using FlowForge.Emulators.GitHub.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlowForge.Emulators.GitHub;

/// <summary>
/// A fake GitHub REST API (the Actions subset) on 127.0.0.1: real paths, headers, paging, ETags, rate limits,
/// log redirects to a second listener, error shapes, and signed webhook deliveries. Script it through
/// <see cref="Scenario"/>, <see cref="Faults"/> and <see cref="Webhooks"/>, or over HTTP under <c>/_emulator</c>.
/// </summary>
public sealed class GitHubEmulator : IAsyncDisposable
{
    /// <summary>The token accepted when <see cref="GitHubEmulatorOptions.Tokens"/> is left at its default.</summary>
    public const string DefaultToken = "emulator-token";

    private readonly WebApplication _app;
    private readonly EmulatorRuntime _runtime;

    private GitHubEmulator(WebApplication app, EmulatorRuntime runtime, Uri apiBaseUrl, Uri logHostBaseUrl)
    {
        _app = app;
        _runtime = runtime;
        ApiBaseUrl = apiBaseUrl;
        LogHostBaseUrl = logHostBaseUrl;
        Scenario = new GitHubScenario(runtime.State);
        Webhooks = new GitHubWebhooks(runtime.Webhooks);
    }

    /// <summary>Like <c>http://127.0.0.1:41234/</c>, or <c>http://127.0.0.1:41234/api/v3/</c> with a path base; always ends with '/'.</summary>
    public Uri ApiBaseUrl { get; }

    /// <summary>The second listener, which serves log blobs behind signed links.</summary>
    public Uri LogHostBaseUrl { get; }

    /// <summary>Where <c>html_url</c>s point.</summary>
    public Uri HtmlBaseUrl => _runtime.Urls.HtmlBase;

    public GitHubScenario Scenario { get; }

    public GitHubFaults Faults => _runtime.Faults;

    /// <summary>Webhook subscriptions and their signed deliveries of run and job changes.</summary>
    public GitHubWebhooks Webhooks { get; }

    public GitHubRequestLog Requests => _runtime.Requests;

    public TimeProvider TimeProvider => _runtime.Time;

    public static async Task<GitHubEmulator> StartAsync(GitHubEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var runtime = new EmulatorRuntime(options ?? new GitHubEmulatorOptions());
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(GitHubEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // The host process may have its own appsettings, ASPNETCORE_URLS or Kestrel endpoints; none of them are ours.
        builder.Configuration.Sources.Clear();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        ListenOptions? apiListener = null;
        ListenOptions? logListener = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen => apiListener = listen);
            kestrel.Listen(IPAddress.Loopback, 0, listen => logListener = listen);
        });

        var app = builder.Build();
        EmulatorPipeline.Configure(app, runtime);
        await app.StartAsync(cancellationToken);

        try
        {
            var (apiPort, logPort) = BoundPorts(app, apiListener, logListener);
            runtime.LogHostPort = logPort;
            var root = new Uri($"http://127.0.0.1:{apiPort}/");
            var apiBase = runtime.PathBase.HasValue ? new Uri(root, runtime.PathBase.Value + "/") : root;
            var logBase = new Uri($"http://127.0.0.1:{logPort}/");
            runtime.Urls = new ApiUrls(apiBase, EnsureTrailingSlash(runtime.Options.HtmlBaseUrl) ?? root, logBase);
            return new GitHubEmulator(app, runtime, apiBase, logBase);
        }
        catch
        {
            await app.DisposeAsync();
            runtime.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What is left of the budget of the token's user this hour (GitHub counts per user, so tokens of one user
    /// share it).
    /// </summary>
    public int RateLimitRemaining(string token)
    {
        var user = _runtime.State.UserForToken(token) ?? throw new ArgumentException("The emulator does not know this token.", nameof(token));
        return _runtime.RateLimits.Peek(user.Login).Remaining;
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

    /// <summary>The ports Kestrel bound, told apart by which listen options each belongs to.</summary>
    private static (int Api, int Logs) BoundPorts(WebApplication app, ListenOptions? apiListener, ListenOptions? logListener)
    {
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => new Uri(a).Port)
            .ToHashSet() ?? [];
        var api = apiListener?.IPEndPoint?.Port ?? 0;
        var logs = logListener?.IPEndPoint?.Port ?? 0;
        if (addresses.Count != 2 || !addresses.Contains(api) || !addresses.Contains(logs) || api == logs)
        {
            throw new InvalidOperationException($"Kestrel did not bind the two emulator listeners as expected (bound: {string.Join(", ", addresses)}).");
        }

        return (api, logs);
    }

    private static Uri? EnsureTrailingSlash(Uri? uri) =>
        uri is null || uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
