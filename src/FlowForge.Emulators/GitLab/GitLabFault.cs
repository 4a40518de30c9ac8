using FlowForge.Emulators.Infrastructure.Faults;

namespace FlowForge.Emulators.GitLab;

/// <summary>
/// How the emulator misbehaves for one API request (see <see cref="QueuedFaults{TFault}.FailNext"/>): use the static members,
/// e.g. <c>GitLabFault.ServerError</c>, or <c>GitLabFault.Throttled(TimeSpan.FromSeconds(30))</c>.
/// </summary>
public abstract record GitLabFault : IEmulatedFault
{
    private GitLabFault()
    {
    }

    /// <summary>500 <c>{"message":"500 Internal Server Error"}</c>.</summary>
    public static GitLabFault ServerError { get; } = new ServerErrorFault();

    /// <summary>401 <c>{"message":"401 Unauthorized"}</c>, as for a revoked or expired token.</summary>
    public static GitLabFault Unauthorized { get; } = new UnauthorizedFault();

    /// <summary>200 with the normal headers and a truncated JSON body.</summary>
    public static GitLabFault MalformedJson { get; } = new MalformedJsonFault();

    /// <summary>
    /// 429 <c>Retry later</c> with the throttle's <c>RateLimit-*</c> headers and <c>Retry-After</c>; without it
    /// (<paramref name="sendRetryAfter"/> false) as older GitLab answered, leaving only <c>RateLimit-Reset</c>.
    /// </summary>
    public static GitLabFault Throttled(TimeSpan retryAfter, bool sendRetryAfter = true) => new ThrottledFault(retryAfter, sendRetryAfter);

    /// <summary>The normal response, whose body follows <paramref name="delay"/> after its headers (on the emulator's clock).</summary>
    public static GitLabFault SlowBody(TimeSpan delay) => new SlowBodyFault(delay);

    /// <summary>The kind as the request log and <c>/_emulator/faults</c> name it.</summary>
    string IEmulatedFault.Kind => Kind;

    internal string Kind => this switch
    {
        ServerErrorFault => "server_error",
        UnauthorizedFault => "unauthorized",
        MalformedJsonFault => "malformed_json",
        ThrottledFault => "throttled",
        SlowBodyFault => "slow_body",
        _ => GetType().Name,
    };

    public sealed record ServerErrorFault : GitLabFault;

    public sealed record UnauthorizedFault : GitLabFault;

    public sealed record MalformedJsonFault : GitLabFault, IMalformedJsonFault;

    public sealed record ThrottledFault(TimeSpan RetryAfter, bool SendRetryAfter) : GitLabFault;

    public sealed record SlowBodyFault(TimeSpan Delay) : GitLabFault, ISlowBodyFault;
}

/// <summary>Queued faults, taken one per API request, in the order they were queued (not <c>/_emulator</c> requests).</summary>
public sealed class GitLabFaults : QueuedFaults<GitLabFault>
{
    internal GitLabFaults()
    {
    }
}
