namespace FlowForge.Emulators.Jenkins;

/// <summary>What a new build is made of: the commit it checks out and what started it.</summary>
/// <param name="UserId">For <see cref="JenkinsCause.User"/>: the user who started it; null uses the first known user.</param>
/// <param name="Sha">Null generates a 40-hex sha.</param>
/// <param name="Parameters">Values by name; parameters not given take their defaults, unknown names are ignored.</param>
/// <param name="Branch">The branch checked out; null uses the multibranch job's branch, or <c>main</c>.</param>
public sealed record JenkinsBuildSpec(
    string CommitMessage,
    string AuthorName,
    string AuthorEmail,
    string Cause = JenkinsCause.User,
    string? UserId = null,
    string? Sha = null,
    IReadOnlyDictionary<string, string>? Parameters = null,
    string? Branch = null);

/// <summary>What starts a build, as its <c>CauseAction</c> says.</summary>
public static class JenkinsCause
{
    /// <summary><c>hudson.model.Cause$UserIdCause</c>: "Started by user …".</summary>
    public const string User = "user";

    /// <summary><c>hudson.triggers.SCMTrigger$SCMTriggerCause</c>: "Started by an SCM change".</summary>
    public const string Scm = "scm";

    /// <summary><c>hudson.triggers.TimerTrigger$TimerTriggerCause</c>: "Started by timer".</summary>
    public const string Timer = "timer";

    /// <summary><c>jenkins.branch.BranchEventCause</c>: "Push event to branch …" (multibranch jobs).</summary>
    public const string BranchEvent = "branch-event";

    /// <summary><c>jenkins.branch.BranchIndexingCause</c>: "Branch indexing" (multibranch jobs).</summary>
    public const string BranchIndexing = "branch-indexing";
}

/// <summary>A build's <c>result</c> (<c>hudson.model.Result</c>).</summary>
public static class JenkinsResult
{
    public const string Success = "SUCCESS";
    public const string Unstable = "UNSTABLE";
    public const string Failure = "FAILURE";
    public const string NotBuilt = "NOT_BUILT";
    public const string Aborted = "ABORTED";

    internal static bool IsKnown(string result) => result is Success or Unstable or Failure or NotBuilt or Aborted;
}
