using FlowForge.Emulators.GitLab.Json;
using FlowForge.Emulators.GitLab.State;
using FlowForge.Emulators.GitLab.Webhooks;
using FlowForge.Emulators.Infrastructure.Hosting;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.GitLab;

/// <summary>Everything the request pipeline of one emulator instance shares.</summary>
internal sealed class GitLabRuntime : EmulatorRuntimeCore
{
    /// <summary>Where the REST API lives below the host, as on every GitLab.</summary>
    public static readonly PathString ApiPath = new("/api/v4");

    public static readonly PathString ControlPath = ApiPath.Add("/_emulator");

    private Uri? _web;

    public GitLabRuntime(GitLabEmulatorOptions options)
        : base(options.TimeProvider)
    {
        ArgumentNullException.ThrowIfNull(options.Tokens);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RateLimitPerMinute);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.UnauthenticatedRateLimitPerMinute);
        Options = options;
        State = new GitLabState(options.TimeProvider, options.Tokens);
        Requests = new GitLabRequestLog(options.RequestLogCapacity);
        Throttle = new Throttle(options.TimeProvider, options.RateLimitPerMinute, options.UnauthenticatedRateLimitPerMinute);
        Hooks = Owns(new HookDispatcher(this));
    }

    public GitLabEmulatorOptions Options { get; }

    public GitLabState State { get; }

    public GitLabFaults Faults { get; } = new();

    public GitLabRequestLog Requests { get; }

    public Throttle Throttle { get; }

    public HookDispatcher Hooks { get; }

    /// <summary>The web root (<c>http://127.0.0.1:PORT/</c>), which <c>web_url</c>s point under.</summary>
    public Uri Web
    {
        get => _web ?? throw new InvalidOperationException("The emulator has not started yet.");
        set => _web = value;
    }

    public Uri ApiBase => new(Web, "api/v4/");

    public RenderContext Render() => new(State, Web);
}
