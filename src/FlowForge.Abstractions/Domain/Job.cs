namespace FlowForge.Abstractions.Domain;

/// <summary>A job (GitHub job, GitLab job, Buildkite job, Jenkins stage) of a run.</summary>
/// <param name="Stage">The stage or group the job belongs to, where the provider has one.</param>
/// <param name="Runner">The runner or agent that ran the job.</param>
public sealed record Job(
    string NativeId,
    string Name,
    RunStatus Status,
    string ProviderStatus,
    string? Stage,
    string? Runner,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    Uri? WebUrl,
    IReadOnlyList<Step> Steps);

/// <summary>A step of a job; steps carry no log of their own on most providers.</summary>
public sealed record Step(
    int Number,
    string Name,
    RunStatus Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);

/// <summary>A run with its jobs and their steps.</summary>
public sealed record RunDetail(Run Run, IReadOnlyList<Job> Jobs);

/// <summary>The text of a job's log as the provider returned it.</summary>
/// <param name="IsComplete">False while the job still runs and the log may grow.</param>
public sealed record JobLog(string Text, bool IsComplete);
