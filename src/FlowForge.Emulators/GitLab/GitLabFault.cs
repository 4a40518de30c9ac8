namespace FlowForge.Emulators.GitLab;

/// <summary>
/// How the emulator misbehaves for one API request (see <see cref="GitLabFaults.FailNext"/>): use the static members,
/// e.g. <c>GitLabFault.ServerError</c>, or <c>GitLabFault.Throttled(TimeSpan.FromSeconds(30))</c>.
/// </summary>
public abstract record GitLabFault
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

    public sealed record MalformedJsonFault : GitLabFault;

    public sealed record ThrottledFault(TimeSpan RetryAfter, bool SendRetryAfter) : GitLabFault;

    public sealed record SlowBodyFault(TimeSpan Delay) : GitLabFault;
}

/// <summary>Queued faults, taken one per API request, in the order they were queued (not <c>/_emulator</c> requests).</summary>
public sealed class GitLabFaults
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<GitLabFault> _queue = new();

    /// <summary>How many faulted requests are still to come.</summary>
    public int Pending => _queue.Count;

    /// <summary>The next <paramref name="count"/> API requests fail this way, after the faults queued before.</summary>
    public void FailNext(int count, GitLabFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentNullException.ThrowIfNull(fault);
        for (var i = 0; i < count; i++)
        {
            _queue.Enqueue(fault);
        }
    }

    public void Clear() => _queue.Clear();

    internal GitLabFault? TryTake() => _queue.TryDequeue(out var fault) ? fault : null;
}
