using FlowForge.Emulators.Infrastructure.Faults;

namespace FlowForge.Emulators.Buildkite;

/// <summary>How the emulator misbehaves for a request (see <see cref="QueuedFaults{TFault}.FailNext"/>).</summary>
public abstract record BuildkiteFault : IEmulatedFault
{
    private BuildkiteFault()
    {
    }

    /// <summary>401 with Buildkite's "Authentication required" message, as for a revoked token.</summary>
    public static BuildkiteFault Unauthorized { get; } = new UnauthorizedFault();

    /// <summary>500 with a JSON message.</summary>
    public static BuildkiteFault ServerError { get; } = new ServerErrorFault();

    /// <summary>200 with the normal headers and the JSON body cut in half.</summary>
    public static BuildkiteFault MalformedJson { get; } = new MalformedJsonFault();

    /// <summary>429 with <c>Retry-After</c>, the user budget shown exhausted until then, and Buildkite's 429 body.</summary>
    public static BuildkiteFault TooManyRequestsFor(TimeSpan retryAfter) => new TooManyRequestsFault(retryAfter);

    /// <summary>The normal response, whose body follows its headers after <paramref name="delay"/> (on the emulator's clock).</summary>
    public static BuildkiteFault SlowBody(TimeSpan delay) => new SlowBodyFault(delay);

    /// <summary>How the request log and <c>/_emulator/faults</c> name it.</summary>
    string IEmulatedFault.Kind => Kind;

    internal string Kind => this switch
    {
        UnauthorizedFault => "unauthorized",
        ServerErrorFault => "server_error",
        MalformedJsonFault => "malformed_json",
        TooManyRequestsFault => "too_many_requests",
        SlowBodyFault => "slow_body",
        _ => GetType().Name,
    };

    public sealed record UnauthorizedFault : BuildkiteFault;

    public sealed record ServerErrorFault : BuildkiteFault;

    public sealed record MalformedJsonFault : BuildkiteFault, IMalformedJsonFault;

    public sealed record TooManyRequestsFault(TimeSpan RetryAfter) : BuildkiteFault;

    public sealed record SlowBodyFault(TimeSpan Delay) : BuildkiteFault, ISlowBodyFault;
}

/// <summary>Faults queued for the next API requests, taken in arrival order (never by <c>/_emulator</c> requests).</summary>
public sealed class BuildkiteFaults : QueuedFaults<BuildkiteFault>
{
    internal BuildkiteFaults()
    {
    }
}
