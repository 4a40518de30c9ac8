namespace FlowForge.Emulators.Infrastructure.Faults;

/// <summary>
/// Faults queued for the next requests, taken one per request in arrival order before normal handling (never by
/// <c>/_emulator</c> requests). Each provider's faults say which ways it can misbehave.
/// </summary>
public abstract class QueuedFaults<TFault>
    where TFault : class
{
    private readonly Lock _gate = new();
    private readonly LinkedList<(TFault Fault, int Remaining)> _queue = new();

    private protected QueuedFaults()
    {
    }

    /// <summary>How many faulted requests are still to come.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Sum(entry => entry.Remaining);
            }
        }
    }

    /// <summary>The next <paramref name="count"/> requests fail this way, after the faults queued before.</summary>
    public void FailNext(int count, TFault fault)
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

    /// <summary>The next fault, or null; a fault that <paramref name="appliesTo"/> refuses stays queued for a request it fits.</summary>
    internal TFault? TryTake(Func<TFault, bool>? appliesTo = null)
    {
        lock (_gate)
        {
            var node = _queue.First;
            if (node is null || (appliesTo is not null && !appliesTo(node.Value.Fault)))
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
