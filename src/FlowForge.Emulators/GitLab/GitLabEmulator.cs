using FlowForge.Emulators.GitLab.Api;
using FlowForge.Emulators.GitLab.Middleware;
using FlowForge.Emulators.Infrastructure.Hosting;
using FlowForge.Emulators.Infrastructure.Requests;
using Microsoft.AspNetCore.Builder;

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

    private readonly EmulatorHost _host;
    private readonly GitLabRuntime _runtime;

    private GitLabEmulator(EmulatorHost host, GitLabRuntime runtime)
    {
        _host = host;
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
        var host = await EmulatorHost.StartAsync(runtime, listeners: 1, app => Configure(app, runtime), bound => runtime.Web = bound.Root(), cancellationToken);
        return new GitLabEmulator(host, runtime);
    }

    /// <summary>What is left of the token's user's throttle this minute.</summary>
    public int RateLimitRemaining(string token)
    {
        var user = _runtime.State.UserForToken(token) ?? throw new ArgumentException("The emulator does not know this token.", nameof(token));
        return _runtime.Throttle.Peek(user.Username).Remaining;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    /// <summary>API requests are recorded, then pass the gate (faults, token, throttle) before routing; everything lives under <c>/api/v4</c>.</summary>
    private static void Configure(WebApplication app, GitLabRuntime runtime)
    {
        app.UseRequestLog(new GitLabRequestRecorder(runtime));
        app.UseMiddleware<GateMiddleware>();
        app.UseRouting();
        var api = app.MapGroup(GitLabRuntime.ApiPath.Value!);
        ControlEndpoints.Map(api);
        ProjectEndpoints.Map(api);
        PipelineEndpoints.Map(api);
        JobEndpoints.Map(api);
        FileEndpoints.Map(api);
        app.MapFallback(context => ApiResult.Message(404, "404 Not Found").ExecuteAsync(context));
    }
}
