namespace FlowForge.Emulators.Infrastructure.Requests;

/// <summary>
/// What an emulator received (never its <c>/_emulator</c> scripting requests), in the order the answers started, the
/// newest <c>RequestLogCapacity</c> kept. Each provider's log says what an entry holds.
/// </summary>
public abstract class RequestLog<TEntry>
{
    private readonly BoundedLog<TEntry> _entries;

    private protected RequestLog(int capacity) => _entries = new BoundedLog<TEntry>(capacity);

    public IReadOnlyList<TEntry> Snapshot() => _entries.Snapshot();

    public void Clear() => _entries.Clear();

    internal void Add(TEntry entry) => _entries.Add(entry);
}
