namespace FlowForge.Emulators.GitLab;

/// <summary>What the emulator's API received (not <c>/_emulator</c>), in completion order, the newest kept.</summary>
public sealed class GitLabRequestLog
{
    private readonly Lock _gate = new();
    private readonly LinkedList<GitLabRequest> _entries = new();
    private readonly int _capacity;

    internal GitLabRequestLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    public IReadOnlyList<GitLabRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal void Add(GitLabRequest request)
    {
        lock (_gate)
        {
            _entries.AddLast(request);
            if (_entries.Count > _capacity)
            {
                _entries.RemoveFirst();
            }
        }
    }
}

/// <param name="At">When the request arrived (emulator clock).</param>
/// <param name="PathAndQuery">As sent, <c>/api/v4</c> included.</param>
/// <param name="HadToken">A <c>PRIVATE-TOKEN</c> or <c>Authorization</c> header came with it.</param>
/// <param name="CostRateLimit">It counted against the caller's throttle (every answered request does on GitLab).</param>
/// <param name="Fault">The injected fault it took, by kind (<c>throttled</c>, <c>server_error</c>, …).</param>
/// <param name="Throttled">The emulator's own throttle refused it (429).</param>
/// <param name="RetryAfterSeconds">The <c>Retry-After</c> its answer carried.</param>
public sealed record GitLabRequest(
    DateTimeOffset At,
    string Method,
    string PathAndQuery,
    int StatusCode,
    bool HadToken,
    bool CostRateLimit,
    string? Fault,
    bool Throttled,
    int? RetryAfterSeconds);
