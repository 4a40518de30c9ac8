using FlowForge.Abstractions.Domain;

namespace FlowForge.Core.Sync;

/// <summary>
/// Tells the scheduler that a pipeline just showed activity from outside a poll (a webhook), so its
/// polling snaps back to the fast cadence until its runs finish.
/// </summary>
public interface IActivitySignal
{
    void PipelineActive(PipelineKey pipeline);
}
