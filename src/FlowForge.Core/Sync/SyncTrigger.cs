namespace FlowForge.Core.Sync;

public enum SyncTrigger
{
    /// <summary>The scheduler: discovery when it is due, else only the sources that are due.</summary>
    Scheduled,

    /// <summary>Someone asked ("sync now"): discovery and every source, now.</summary>
    Manual,
}
