using FlowForge.Emulators.GitHub.Http;
using FlowForge.Emulators.Infrastructure.Hosting;

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

    private readonly EmulatorHost _host;
    private readonly EmulatorRuntime _runtime;

    private GitHubEmulator(EmulatorHost host, EmulatorRuntime runtime, Uri apiBaseUrl, Uri logHostBaseUrl)
    {
        _host = host;
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

        // Two listeners: the API, and the log host that GitHub's signed log links point to.
        var host = await EmulatorHost.StartAsync(runtime, listeners: 2, app => EmulatorPipeline.Configure(app, runtime), bound =>
        {
            runtime.LogHostPort = bound.Ports[1];
            var root = bound.Root(0);
            runtime.Urls = new ApiUrls(PathPrefix.Below(root, runtime.PathBase), EnsureTrailingSlash(runtime.Options.HtmlBaseUrl) ?? root, bound.Root(1));
        }, cancellationToken);
        return new GitHubEmulator(host, runtime, runtime.Urls.ApiBase, host.Root(1));
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

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static Uri? EnsureTrailingSlash(Uri? uri) =>
        uri is null || uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
