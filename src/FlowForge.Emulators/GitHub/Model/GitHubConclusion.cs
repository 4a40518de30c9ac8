using System.Collections.Frozen;

namespace FlowForge.Emulators.GitHub;

/// <summary>GitHub's conclusion strings for runs and jobs.</summary>
public static class GitHubConclusion
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Cancelled = "cancelled";
    public const string Skipped = "skipped";
    public const string TimedOut = "timed_out";
    public const string Neutral = "neutral";
    public const string ActionRequired = "action_required";
    public const string Stale = "stale";
    public const string StartupFailure = "startup_failure";

    /// <summary>Every conclusion a run can end with.</summary>
    public static FrozenSet<string> All { get; } = FrozenSet.ToFrozenSet(
        [Success, Failure, Cancelled, Skipped, TimedOut, Neutral, ActionRequired, Stale, StartupFailure],
        StringComparer.Ordinal);
}
