using System.Text.Json;

namespace FlowForge.Providers.Buildkite.Dtos;

/// <summary>
/// A build (<c>GET …/builds</c>, <c>…/builds/{number}</c>, create, rebuild, cancel, retry; the <c>build</c> of a
/// webhook delivery, which carries no jobs).
/// </summary>
/// <param name="Pipeline">Absent with <c>exclude_pipeline=true</c>.</param>
/// <param name="Jobs">Absent in webhook deliveries and with <c>exclude_jobs=true</c>.</param>
internal sealed record BuildDto(
    string Id,
    long Number,
    string? State = null,
    bool? Blocked = null,
    string? Message = null,
    string? Commit = null,
    string? Branch = null,
    string? Source = null,
    string? WebUrl = null,
    PersonDto? Creator = null,
    PersonDto? Author = null,
    IReadOnlyDictionary<string, JsonElement>? Env = null,
    IReadOnlyList<JobDto>? Jobs = null,
    DateTimeOffset? CreatedAt = null,
    DateTimeOffset? ScheduledAt = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FailingAt = null,
    DateTimeOffset? FinishedAt = null,
    PipelineRefDto? Pipeline = null);

/// <summary>A job of a build: a command step's job (<c>script</c>), a wait step (<c>waiter</c>), a block step (<c>manual</c>) or a trigger.</summary>
/// <param name="Label">What block steps have instead of <paramref name="Name"/>.</param>
internal sealed record JobDto(
    string Id,
    string? Type = null,
    string? Name = null,
    string? Label = null,
    string? StepKey = null,
    string? GroupKey = null,
    string? Command = null,
    string? State = null,
    string? WebUrl = null,
    bool? SoftFailed = null,
    int? ExitStatus = null,
    AgentDto? Agent = null,
    bool? Retried = null,
    DateTimeOffset? CreatedAt = null,
    DateTimeOffset? ScheduledAt = null,
    DateTimeOffset? RunnableAt = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null,
    DateTimeOffset? UnblockedAt = null);

/// <summary>A build's <c>creator</c> or <c>author</c>, a token's <c>user</c>.</summary>
internal sealed record PersonDto(string? Name = null, string? Email = null);

internal sealed record AgentDto(string? Name = null);
