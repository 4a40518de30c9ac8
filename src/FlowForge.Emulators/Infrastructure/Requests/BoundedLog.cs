namespace FlowForge.Emulators.Infrastructure.Requests;

/// <summary>A thread-safe log that keeps the newest <c>capacity</c> entries in the order they were added.</summary>
internal sealed class BoundedLog<T>
{
    private readonly Lock _gate = new();
    private readonly Queue<T> _entries = new();
    private readonly int _capacity;

    public BoundedLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    public IReadOnlyList<T> Snapshot()
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

    public void Add(T entry)
    {
        lock (_gate)
        {
            if (_entries.Count == _capacity)
            {
                _entries.Dequeue();
            }

            _entries.Enqueue(entry);
        }
    }
}
