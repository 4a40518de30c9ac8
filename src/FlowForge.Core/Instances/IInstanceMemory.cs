namespace FlowForge.Core.Instances;

/// <summary>
/// Something that keeps state per provider instance in memory (webhook de-duplication, delivery counts): told when an
/// instance is removed, so an instance added later under the same id starts clean.
/// </summary>
public interface IInstanceMemory
{
    void Forget(string instanceId);
}
