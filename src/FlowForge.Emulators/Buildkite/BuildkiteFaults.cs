namespace FlowForge.Emulators.Buildkite;

/// <summary>How the emulator misbehaves for a request (see <see cref="BuildkiteFaults.FailNext"/>).</summary>
public abstract record BuildkiteFault
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

    public sealed record MalformedJsonFault : BuildkiteFault;

    public sealed record TooManyRequestsFault(TimeSpan RetryAfter) : BuildkiteFault;

    public sealed record SlowBodyFault(TimeSpan Delay) : BuildkiteFault;
}

/// <summary>Faults queued for the next API requests, taken in arrival order (never by <c>/_emulator</c> requests).</summary>
public sealed class BuildkiteFaults
{
    private readonly Queue<BuildkiteFault> _queue = new();

    public int Pending
    {
        get
        {
            lock (_queue)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> API requests fail this way, after the faults queued before.</summary>
    public void FailNext(int count, BuildkiteFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentNullException.ThrowIfNull(fault);
        lock (_queue)
        {
            for (var i = 0; i < count; i++)
            {
                _queue.Enqueue(fault);
            }
        }
    }

    public void Clear()
    {
        lock (_queue)
        {
            _queue.Clear();
        }
    }

    internal BuildkiteFault? TryTake()
    {
        lock (_queue)
        {
            return _queue.TryDequeue(out var fault) ? fault : null;
        }
    }
}
