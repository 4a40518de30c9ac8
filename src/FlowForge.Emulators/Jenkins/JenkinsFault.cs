namespace FlowForge.Emulators.Jenkins;

/// <summary>
/// How the emulator misbehaves for a request (see <see cref="JenkinsFaults.FailNext"/>). Jenkins has no rate limit of its
/// own: <see cref="TooManyRequests"/> is what a reverse proxy in front of it answers.
/// </summary>
public abstract record JenkinsFault
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

    internal sealed record MalformedJsonFault : JenkinsFault;

    internal sealed record TooManyRequestsFault(TimeSpan RetryAfter) : JenkinsFault;

    internal sealed record ServiceUnavailableFault(TimeSpan RetryAfter) : JenkinsFault;

    internal sealed record SlowBodyFault(TimeSpan Delay) : JenkinsFault;
}

/// <summary>Queued faults, taken by the next API requests (not <c>/_emulator</c>) in arrival order.</summary>
public sealed class JenkinsFaults
{
    private readonly Lock _gate = new();
    private readonly Queue<JenkinsFault> _queue = new();

    /// <summary>How many faulted requests are still to come.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> requests fail this way, after the faults queued before.</summary>
    public void FailNext(int count, JenkinsFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _queue.Enqueue(fault);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
        }
    }

    internal JenkinsFault? TryTake()
    {
        lock (_gate)
        {
            return _queue.TryDequeue(out var fault) ? fault : null;
        }
    }
}
