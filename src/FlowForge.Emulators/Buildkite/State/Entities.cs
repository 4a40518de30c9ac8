namespace FlowForge.Emulators.Buildkite.State;

/// <summary>A build as the state mutates it, always under the state's lock; the outside sees <see cref="BuildkiteBuild"/> snapshots.</summary>
internal sealed class BuildEntity
{
    public required string Id { get; init; }

    public required string Organization { get; init; }

    public required string Pipeline { get; init; }

    public required long Number { get; init; }

    public required string Message { get; init; }

    public required string Commit { get; init; }

    public required string Branch { get; init; }

    public required string Source { get; init; }

    public required BuildkitePerson Author { get; init; }

    public BuildkitePerson? Creator { get; init; }

    public required IReadOnlyDictionary<string, string> Env { get; init; }

    public required IReadOnlyDictionary<string, string> MetaData { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public (string Id, long Number)? RebuiltFrom { get; init; }

    public string State { get; set; } = BuildkiteStates.Scheduled;

    public bool Blocked { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FailingAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>In step order; a retried job stays where it was and its retry follows it.</summary>
    public List<JobEntity> Jobs { get; } = [];

    /// <summary>The jobs the API shows by default: the latest of each step.</summary>
    public IEnumerable<JobEntity> Current => Jobs.Where(job => !job.Retried);

    public BuildkiteBuild Snapshot() => new(
        Id, Organization, Pipeline, Number, State, Blocked, Message, Commit, Branch, Source, Author, Creator, Env, MetaData,
        CreatedAt, CreatedAt, StartedAt, FailingAt, FinishedAt, RebuiltFrom, [.. Jobs.Select(job => job.Snapshot())]);
}

internal sealed class JobEntity
{
    public required string Id { get; init; }

    public required BuildkiteStep Step { get; init; }

    /// <summary>Which part of the build the job belongs to: wait and block steps start a new one.</summary>
    public required int Segment { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string State { get; set; } = BuildkiteStates.Waiting;

    public int? ExitStatus { get; set; }

    public bool SoftFailed { get; set; }

    public string? Agent { get; set; }

    public DateTimeOffset? ScheduledAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public bool Retried { get; set; }

    public string? RetriedInJobId { get; set; }

    public int? RetriesCount { get; init; }

    public string? RetrySourceJobId { get; init; }

    public BuildkitePerson? UnblockedBy { get; set; }

    public DateTimeOffset? UnblockedAt { get; set; }

    public IReadOnlyDictionary<string, string>? UnblockFields { get; set; }

    public List<string> Log { get; } = [];

    public string Type => Step switch
    {
        BuildkiteStep.WaitStep => "waiter",
        BuildkiteStep.BlockStep => "manual",
        _ => "script",
    };

    public bool IsCommand => Step is BuildkiteStep.CommandStep;

    public bool IsFinished => BuildkiteStates.IsFinishedJob(State);

    /// <summary>A failure that fails the build (a soft failure does not).</summary>
    public bool FailedHard => State is BuildkiteStates.Failed or BuildkiteStates.TimedOut && !SoftFailed;

    public BuildkiteJob Snapshot() => new(
        Id,
        Type,
        Step switch { BuildkiteStep.CommandStep c => c.Label, BuildkiteStep.BlockStep b => b.Label, _ => null },
        (Step as BuildkiteStep.CommandStep)?.CommandLine,
        Step.Key,
        State,
        ExitStatus,
        SoftFailed,
        Agent,
        CreatedAt,
        ScheduledAt,
        StartedAt,
        FinishedAt,
        Retried,
        RetriedInJobId,
        RetriesCount,
        RetrySourceJobId,
        UnblockedBy,
        UnblockedAt,
        UnblockFields,
        Log.Count == 0 ? "" : string.Join('\n', Log) + "\n");
}
