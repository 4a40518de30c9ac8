using System.Globalization;
using FlowForge.Emulators.GitHub.Http;
using FlowForge.Emulators.GitHub.Json;
using FlowForge.Emulators.GitHub.Logs;
using FlowForge.Emulators.GitHub.State;
using FlowForge.Emulators.GitHub.Webhooks;
using FlowForge.Emulators.Infrastructure.Hosting;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.GitHub;

/// <summary>Everything the request pipeline of one emulator instance shares.</summary>
internal sealed class EmulatorRuntime : EmulatorRuntimeCore
{
    public const string DefaultApiVersion = "2022-11-28";

    private ApiUrls? _urls;
    private long _requests;

    public EmulatorRuntime(GitHubEmulatorOptions options)
        : base(options.TimeProvider)
    {
        ArgumentNullException.ThrowIfNull(options.Tokens);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RateLimitPerHour);
        if (options.SecondaryRateLimitPerMinute is { } perMinute)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perMinute, nameof(options.SecondaryRateLimitPerMinute));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.WebhookTimeout, TimeSpan.Zero, nameof(options.WebhookTimeout));
        Options = options;
        PathBase = PathPrefix.Normalize(options.PathBase);
        State = new EmulatorState(options.TimeProvider, options.Tokens);
        Faults = new GitHubFaults();
        Requests = new GitHubRequestLog(options.RequestLogCapacity);
        RateLimits = new RateLimiter(options.TimeProvider, options.RateLimitPerHour);
        SecondaryRateLimits = new SecondaryRateLimiter(options.TimeProvider, options.SecondaryRateLimitPerMinute);
        Webhooks = Owns(new WebhookDispatcher(this));
        LogSigner = new LogUrlSigner(options.TimeProvider);
    }

    /// <summary>The API versions GitHub accepts in <c>X-GitHub-Api-Version</c>.</summary>
    public static IReadOnlySet<string> SupportedApiVersions { get; } = new HashSet<string>(StringComparer.Ordinal) { DefaultApiVersion, "2026-03-10" };

    public GitHubEmulatorOptions Options { get; }

    /// <summary>Empty, or like <c>/api/v3</c> (leading slash, no trailing slash).</summary>
    public PathString PathBase { get; }

    public PathString ControlPath => PathBase.Add("/_emulator");

    public EmulatorState State { get; }

    public GitHubFaults Faults { get; }

    public GitHubRequestLog Requests { get; }

    public RateLimiter RateLimits { get; }

    public SecondaryRateLimiter SecondaryRateLimits { get; }

    public WebhookDispatcher Webhooks { get; }

    public LogUrlSigner LogSigner { get; }

    public ApiUrls Urls
    {
        get => _urls ?? throw new InvalidOperationException("The emulator has not started yet.");
        set => _urls = value;
    }

    /// <summary>The log host's port, known once Kestrel bound it.</summary>
    public int LogHostPort { get; set; } = -1;

    public bool IsLogHost(HttpContext context) => context.Connection.LocalPort == LogHostPort;

    public RenderContext Render() => new(State, Urls);

    /// <summary>Shaped like GitHub's <c>X-GitHub-Request-Id</c> (five hex fields).</summary>
    public string NextRequestId()
    {
        var n = Interlocked.Increment(ref _requests);
        return string.Create(CultureInfo.InvariantCulture, $"E1A0:{Environment.ProcessId:X}:{n:X6}:{n * 7919 % 0xFFFFFF:X6}:{Time.GetUtcNow().ToUnixTimeSeconds():X8}");
    }
}
