namespace FlowForge.Core.Persistence;

/// <summary>
/// A counter the store bumps whenever it writes pipelines or runs, so read models built from the store
/// know when to rebuild without polling it.
/// </summary>
public sealed class StoreVersion
{
    private long _value;

    public long Current => Interlocked.Read(ref _value);

    public void Bump() => Interlocked.Increment(ref _value);
}
