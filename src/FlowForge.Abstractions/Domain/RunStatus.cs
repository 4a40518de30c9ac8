namespace FlowForge.Abstractions.Domain;

/// <summary>
/// The one status vocabulary every provider maps onto (see DESIGN §3 and provider-apis.md §1).
/// A value a provider adds later maps to <see cref="Unknown"/>, never to an exception.
/// </summary>
public enum RunStatus
{
    Unknown = 0,
    Queued,
    Waiting,
    Running,
    Canceling,
    Succeeded,
    SucceededWithWarnings,
    Failed,
    Cancelled,
    Skipped,
}

public static class RunStatusExtensions
{
    /// <summary>A run in this state may still change without anyone acting on it.</summary>
    public static bool IsActive(this RunStatus status) =>
        status is RunStatus.Queued or RunStatus.Waiting or RunStatus.Running or RunStatus.Canceling;

    public static bool IsFinished(this RunStatus status) =>
        status is RunStatus.Succeeded or RunStatus.SucceededWithWarnings or RunStatus.Failed
            or RunStatus.Cancelled or RunStatus.Skipped;
}
