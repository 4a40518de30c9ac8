namespace FlowForge.Abstractions.Http;

/// <summary>
/// Remembers the values a provider connection has already reported (status words FlowForge does not know), so each
/// is logged once however often it comes back. Bounded: past its capacity nothing new is remembered, and nothing more
/// is logged for new values either, so a misbehaving server cannot grow memory or flood the log.
/// </summary>
public sealed class FirstSightings(int capacity = 256)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>True the first time a value is seen (and while there is room to remember it).</summary>
    public bool IsFirst(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            return _seen.Count < capacity && _seen.Add(value);
        }
    }
}
