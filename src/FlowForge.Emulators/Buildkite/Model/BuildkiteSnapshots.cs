namespace FlowForge.Emulators.Buildkite;

public sealed record BuildkiteOrganization(string Id, string Slug, string Name, DateTimeOffset CreatedAt);

/// <summary>A pipeline of an organization.</summary>
public sealed record BuildkitePipeline(
    string Id,
    string Organization,
    string Slug,
    string Name,
    string? Description,
    string DefaultBranch,
    string Repository,
    IReadOnlyDictionary<string, string> Env,
    IReadOnlyList<BuildkiteStep> Steps,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ArchivedAt);

/// <summary>A read-only snapshot of a build.</summary>
/// <param name="State">One of <see cref="BuildkiteStates"/>' build states.</param>
/// <param name="Jobs">Every job, retried ones included (the API leaves those out unless asked).</param>
public sealed record BuildkiteBuild(
    string Id,
    string Organization,
    string Pipeline,
    long Number,
    string State,
    bool Blocked,
    string Message,
    string Commit,
    string Branch,
    string Source,
    BuildkitePerson Author,
    BuildkitePerson? Creator,
    IReadOnlyDictionary<string, string> Env,
    IReadOnlyDictionary<string, string> MetaData,
    DateTimeOffset CreatedAt,
    DateTimeOffset ScheduledAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FailingAt,
    DateTimeOffset? FinishedAt,
    (string Id, long Number)? RebuiltFrom,
    IReadOnlyList<BuildkiteJob> Jobs)
{
    /// <summary>The id FlowForge's provider gives the build as a run.</summary>
    public string RunId => $"{Pipeline}:{Number}";

    public bool IsFinished => BuildkiteStates.IsFinishedBuild(State) && !Blocked;
}

/// <summary>A read-only snapshot of a job.</summary>
/// <param name="Type"><c>script</c>, <c>waiter</c> or <c>manual</c>.</param>
public sealed record BuildkiteJob(
    string Id,
    string Type,
    string? Label,
    string? Command,
    string? StepKey,
    string State,
    int? ExitStatus,
    bool SoftFailed,
    string? Agent,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ScheduledAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    bool Retried,
    string? RetriedInJobId,
    int? RetriesCount,
    string? RetrySourceJobId,
    BuildkitePerson? UnblockedBy,
    DateTimeOffset? UnblockedAt,
    IReadOnlyDictionary<string, string>? UnblockFields,
    string Log);

public sealed record BuildkitePerson(string Id, string Name, string Email);

/// <summary>A create-build request the API accepted, with its body's values exactly as sent (JSON scalars as text).</summary>
public sealed record BuildkiteTrigger(
    string Organization,
    string Pipeline,
    long Number,
    string Commit,
    string Branch,
    string? Message,
    bool? CleanCheckout,
    IReadOnlyDictionary<string, string>? Env,
    IReadOnlyDictionary<string, string>? MetaData,
    DateTimeOffset At);

/// <summary>The state words of Buildkite's REST API.</summary>
public static class BuildkiteStates
{
    public const string Scheduled = "scheduled";
    public const string Running = "running";
    public const string Failing = "failing";
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Blocked = "blocked";
    public const string Canceling = "canceling";
    public const string Canceled = "canceled";
    public const string Skipped = "skipped";
    public const string NotRun = "not_run";

    public const string Waiting = "waiting";
    public const string WaitingFailed = "waiting_failed";
    public const string Unblocked = "unblocked";
    public const string TimedOut = "timed_out";

    public static bool IsFinishedBuild(string state) => state is Passed or Failed or Blocked or Canceled or Skipped or NotRun;

    public static bool IsFinishedJob(string state) =>
        state is Passed or Failed or Canceled or Skipped or Unblocked or WaitingFailed or TimedOut or "blocked_failed" or "broken" or "expired";
}
