namespace FlowForge.Emulators.GitHub;

/// <summary>A read-only snapshot of one attempt of a workflow run.</summary>
/// <param name="Jobs">The jobs that ran in this attempt (a re-run of failed jobs holds only those).</param>
public sealed record EmulatedRun(
    long Id,
    long WorkflowId,
    string WorkflowName,
    string WorkflowPath,
    long RepositoryId,
    string RepositoryFullName,
    long RunNumber,
    int RunAttempt,
    string Status,
    string? Conclusion,
    string Event,
    string HeadBranch,
    string HeadSha,
    EmulatedCommit HeadCommit,
    string Actor,
    string TriggeringActor,
    string DisplayTitle,
    long CheckSuiteId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset RunStartedAt,
    IReadOnlyList<EmulatedJob> Jobs)
{
    /// <summary>The run's name, which is its workflow's name.</summary>
    public string Name => WorkflowName;

    public bool IsCompleted => Status == GitHubStatus.Completed;
}

/// <summary>The commit a run ran on.</summary>
public sealed record EmulatedCommit(
    string Id,
    string TreeId,
    string Message,
    string AuthorName,
    string AuthorEmail,
    DateTimeOffset Timestamp);

/// <summary>A read-only snapshot of a job.</summary>
/// <param name="StepNames">The steps the job will run; <see cref="Steps"/> lists them once the job has started.</param>
/// <param name="Runner">Null until a runner picked the job up.</param>
public sealed record EmulatedJob(
    long Id,
    long RunId,
    int RunAttempt,
    string Name,
    string Status,
    string? Conclusion,
    DateTimeOffset CreatedAt,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<string> StepNames,
    IReadOnlyList<EmulatedStep> Steps,
    EmulatedRunner? Runner,
    IReadOnlyList<string> Labels)
{
    /// <summary>True once a runner started the job, which is when its log exists.</summary>
    public bool HasStarted => Runner is not null;
}

/// <summary>A step of a job.</summary>
public sealed record EmulatedStep(
    int Number,
    string Name,
    string Status,
    string? Conclusion,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt);

/// <summary>The runner a job ran on.</summary>
public sealed record EmulatedRunner(long Id, string Name, long GroupId, string GroupName);
