using FlowForge.Emulators.Infrastructure.Faults;

namespace FlowForge.Emulators.GitHub;

/// <summary>
/// How the emulator misbehaves for a request (see <see cref="QueuedFaults{TFault}.FailNext"/>). Use the static members, e.g.
/// <c>EmulatedFault.ServerError</c>, or <c>new EmulatedFault.SlowBody(TimeSpan.FromSeconds(5))</c>; set
/// <see cref="IncludeLogHost"/> (<c>fault with { IncludeLogHost = true }</c>) to let log-host requests take it too.
/// </summary>
public abstract record EmulatedFault : IEmulatedFault
{
    private EmulatedFault()
    {
    }

    /// <summary>500 with a GitHub JSON error body.</summary>
    public static EmulatedFault ServerError { get; } = new ServerErrorFault();

    /// <summary>401 "Bad credentials", as for a revoked token.</summary>
    public static EmulatedFault Unauthorized { get; } = new UnauthorizedFault();

    /// <summary>403 with <c>x-ratelimit-remaining: 0</c>, "API rate limit exceeded for user ID …".</summary>
    public static EmulatedFault PrimaryRateLimit { get; } = new PrimaryRateLimitFault();

    /// <summary>403 with <c>retry-after: 60</c>, "You have exceeded a secondary rate limit…".</summary>
    public static EmulatedFault SecondaryRateLimit { get; } = new SecondaryRateLimitFault();

    /// <summary>429 with <c>retry-after: 60</c>.</summary>
    public static EmulatedFault TooManyRequests { get; } = new TooManyRequestsFault(TimeSpan.FromSeconds(60));

    /// <summary>200 with the normal headers and a truncated JSON body.</summary>
    public static EmulatedFault MalformedJson { get; } = new MalformedJsonFault();

    /// <summary>Log-host requests take this fault too, not only API requests.</summary>
    public bool IncludeLogHost { get; init; }

    /// <summary>429 with <c>retry-after</c> of <paramref name="retryAfter"/> (whole seconds).</summary>
    public static EmulatedFault TooManyRequestsFor(TimeSpan retryAfter) => new TooManyRequestsFault(retryAfter);

    /// <summary>The fault's kind as the control endpoint names it (<c>too_many_requests</c>, <c>slow_body</c>, …).</summary>
    string IEmulatedFault.Kind => Kind;

    internal string Kind => this switch
    {
        ServerErrorFault => "server_error",
        UnauthorizedFault => "unauthorized",
        PrimaryRateLimitFault => "primary_rate_limit",
        SecondaryRateLimitFault => "secondary_rate_limit",
        TooManyRequestsFault => "too_many_requests",
        MalformedJsonFault => "malformed_json",
        SlowBody => "slow_body",
        _ => GetType().Name,
    };

    public sealed record ServerErrorFault : EmulatedFault;

    public sealed record UnauthorizedFault : EmulatedFault;

    public sealed record PrimaryRateLimitFault : EmulatedFault;

    public sealed record SecondaryRateLimitFault : EmulatedFault;

    public sealed record TooManyRequestsFault(TimeSpan RetryAfter) : EmulatedFault;

    public sealed record MalformedJsonFault : EmulatedFault, IMalformedJsonFault;

    /// <summary>
    /// The normal response, whose headers are sent at once and whose body follows after <paramref name="Delay"/>
    /// (on the emulator's clock: with a fake clock, the body waits until the clock is advanced). A response without
    /// a body (304, 302) holds back its headers instead, so a conditional request is slow too.
    /// </summary>
    public sealed record SlowBody(TimeSpan Delay) : EmulatedFault, ISlowBodyFault;
}
