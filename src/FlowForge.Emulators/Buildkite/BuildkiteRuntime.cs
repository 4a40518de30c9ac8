using FlowForge.Emulators.Buildkite.State;
using FlowForge.Emulators.Buildkite.Webhooks;
using FlowForge.Emulators.Infrastructure.Hosting;

namespace FlowForge.Emulators.Buildkite;

/// <summary>Everything the request pipeline of one Buildkite emulator shares.</summary>
internal sealed class BuildkiteRuntime : EmulatorRuntimeCore
{
    public const string ApiVersionPath = "/v2";

    private Uri? _root;

    public BuildkiteRuntime(BuildkiteEmulatorOptions options)
        : base(options.TimeProvider)
    {
        ArgumentNullException.ThrowIfNull(options.Tokens);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.OrganizationRateLimitPerMinute);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.UserRateLimitPerMinute);
        Options = options;
        State = new BuildkiteState(options.TimeProvider, options.Tokens);
        Faults = new BuildkiteFaults();
        Requests = new BuildkiteRequestLog(options.RequestLogCapacity);
        Rates = new RateWindows(options.TimeProvider, options.OrganizationRateLimitPerMinute, options.UserRateLimitPerMinute);
        Hooks = Owns(new HookDispatcher(this));
    }

    public BuildkiteEmulatorOptions Options { get; }

    public BuildkiteState State { get; }

    public BuildkiteFaults Faults { get; }

    public BuildkiteRequestLog Requests { get; }

    public RateWindows Rates { get; }

    public HookDispatcher Hooks { get; }

    /// <summary>The listener's root, like <c>http://127.0.0.1:41234/</c>, known once Kestrel bound it.</summary>
    public Uri Root
    {
        get => _root ?? throw new InvalidOperationException("The emulator has not started yet.");
        set => _root = value;
    }

    public Uri ApiBase => new(Root, "v2/");

    public Uri WebBase => Options.WebBaseUrl is { } web ? new Uri(web.AbsoluteUri.TrimEnd('/') + "/") : Root;

    /// <summary>An API URL, like <c>http://127.0.0.1:41234/v2/organizations/acme/pipelines</c>.</summary>
    public string Api(string relative) => new Uri(ApiBase, relative).AbsoluteUri;

    public string Web(string relative) => new Uri(WebBase, relative).AbsoluteUri;
}
