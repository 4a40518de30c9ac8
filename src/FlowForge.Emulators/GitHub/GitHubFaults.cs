namespace FlowForge.Emulators.GitHub;

/// <summary>Queued faults, taken by the next requests in arrival order before normal handling.</summary>
public sealed class GitHubFaults
{
    private readonly Lock _gate = new();
    private readonly LinkedList<(EmulatedFault Fault, int Remaining)> _queue = new();

    /// <summary>
    /// The next <paramref name="count"/> API requests fail this way (not <c>/_emulator</c>; log-host requests only
    /// when <see cref="EmulatedFault.IncludeLogHost"/> is set). Faults queued earlier are used up first.
    /// </summary>
    public void FailNext(int count, EmulatedFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _queue.AddLast((fault, count));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
        }
    }

    /// <summary>How many faulted requests are still to come.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Sum(f => f.Remaining);
            }
        }
    }

    internal EmulatedFault? TryTake(bool logHost)
    {
        lock (_gate)
        {
            var node = _queue.First;
            if (node is null || (logHost && !node.Value.Fault.IncludeLogHost))
            {
                return null;
            }

            var (fault, remaining) = node.Value;
            if (remaining <= 1)
            {
                _queue.RemoveFirst();
            }
            else
            {
                node.Value = (fault, remaining - 1);
            }

            return fault;
        }
    }
}
