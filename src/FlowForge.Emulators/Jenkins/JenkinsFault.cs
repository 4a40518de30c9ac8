using FlowForge.Emulators.Infrastructure.Faults;

namespace FlowForge.Emulators.Jenkins;

/// <summary>
/// How the emulator misbehaves for a request (see <see cref="QueuedFaults{TFault}.FailNext"/>). Jenkins has no rate limit of its
/// own: <see cref="TooManyRequests"/> is what a reverse proxy in front of it answers.
/// </summary>
public abstract record JenkinsFault : IEmulatedFault
{
    private JenkinsFault()
    {
    }

    /// <summary>401 "Invalid password/token", as after the token was revoked.</summary>
    public static JenkinsFault Unauthorized { get; } = new UnauthorizedFault();

    /// <summary>500 with Jenkins' error page.</summary>
    public static JenkinsFault ServerError { get; } = new ServerErrorFault();

    /// <summary>200 with a truncated JSON body.</summary>
    public static JenkinsFault MalformedJson { get; } = new MalformedJsonFault();

    /// <summary>429 with <c>Retry-After</c> (whole seconds), as a rate-limiting proxy answers.</summary>
    public static JenkinsFault TooManyRequests(TimeSpan retryAfter) => new TooManyRequestsFault(retryAfter);

    /// <summary>503 with <c>Retry-After</c>: "Jenkins is getting ready to work" while it starts or restarts.</summary>
    public static JenkinsFault ServiceUnavailable(TimeSpan retryAfter) => new ServiceUnavailableFault(retryAfter);

    /// <summary>The normal response, its body held back for <paramref name="delay"/> on the emulator's clock.</summary>
    public static JenkinsFault SlowBody(TimeSpan delay) => new SlowBodyFault(delay);

    /// <summary>As the control endpoint and the request log name it: <c>too_many_requests</c>, <c>slow_body</c>, …</summary>
    public string Kind => this switch
    {
        UnauthorizedFault => "unauthorized",
        ServerErrorFault => "server_error",
        MalformedJsonFault => "malformed_json",
        TooManyRequestsFault => "too_many_requests",
        ServiceUnavailableFault => "service_unavailable",
        _ => "slow_body",
    };

    internal sealed record UnauthorizedFault : JenkinsFault;

    internal sealed record ServerErrorFault : JenkinsFault;

    internal sealed record MalformedJsonFault : JenkinsFault, IMalformedJsonFault;

    internal sealed record TooManyRequestsFault(TimeSpan RetryAfter) : JenkinsFault;

    internal sealed record ServiceUnavailableFault(TimeSpan RetryAfter) : JenkinsFault;

    internal sealed record SlowBodyFault(TimeSpan Delay) : JenkinsFault, ISlowBodyFault;
}

/// <summary>Queued faults, taken by the next API requests (not <c>/_emulator</c>) in arrival order.</summary>
public sealed class JenkinsFaults : QueuedFaults<JenkinsFault>
{
    internal JenkinsFaults()
    {
    }
}
