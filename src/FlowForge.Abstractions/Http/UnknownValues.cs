using System.Collections.Concurrent;

namespace FlowForge.Abstractions.Http;

/// <summary>
/// Remembers which unknown values a provider has already reported (a status word a newer server added, say), so each
/// is logged once, not on every poll. Bounded: past <paramref name="capacity"/> distinct values nothing more is
/// reported, so a misbehaving server inventing endless words cannot grow it.
/// </summary>
public sealed class UnknownValues(int capacity = 256)
{
    private readonly ConcurrentDictionary<string, bool> _seen = new(StringComparer.Ordinal);

    /// <summary>True the first time <paramref name="value"/> of <paramref name="field"/> is seen: the moment to log it.</summary>
    public bool FirstSighting(string field, string? value) =>
        _seen.Count < capacity && _seen.TryAdd($"{field}\n{value ?? "(none)"}", true);
}
