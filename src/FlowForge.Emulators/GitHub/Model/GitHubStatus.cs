namespace FlowForge.Emulators.GitHub;

/// <summary>GitHub's status strings for runs, jobs and steps.</summary>
public static class GitHubStatus
{
    public const string Queued = "queued";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
}
