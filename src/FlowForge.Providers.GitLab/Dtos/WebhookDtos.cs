using System.Text.Json.Serialization;

namespace FlowForge.Providers.GitLab.Dtos;

/// <summary>
/// The body of a <c>Pipeline Hook</c> delivery (<c>object_kind: pipeline</c>). Its times are written
/// <c>2016-08-12 15:23:28 UTC</c>, not ISO 8601, and it carries no <c>updated_at</c>.
/// </summary>
/// <param name="Builds">Every job of the pipeline in its state at the time of the delivery.</param>
internal sealed record PipelineHookDto(
    PipelineHookAttributesDto ObjectAttributes,
    HookProjectDto Project,
    HookUserDto? User = null,
    HookCommitDto? Commit = null,
    IReadOnlyList<HookBuildDto>? Builds = null);

/// <param name="DetailedStatus">The status as the UI words it (<c>passed</c>, <c>passed with warnings</c>).</param>
internal sealed record PipelineHookAttributesDto(
    long Id,
    string Status,
    string Ref,
    string Sha,
    [property: JsonConverter(typeof(GitLabTimestamp))] DateTimeOffset CreatedAt,
    [property: JsonConverter(typeof(GitLabOptionalTimestamp))] DateTimeOffset? FinishedAt = null,
    long? Iid = null,
    string? Name = null,
    string? Source = null,
    string? Url = null,
    string? DetailedStatus = null);

/// <summary>A job (<c>builds[]</c>) of a pipeline delivery.</summary>
internal sealed record HookBuildDto(
    long Id,
    string Name,
    string Status,
    string? Stage = null,
    bool AllowFailure = false,
    [property: JsonConverter(typeof(GitLabOptionalTimestamp))] DateTimeOffset? CreatedAt = null,
    [property: JsonConverter(typeof(GitLabOptionalTimestamp))] DateTimeOffset? StartedAt = null,
    [property: JsonConverter(typeof(GitLabOptionalTimestamp))] DateTimeOffset? FinishedAt = null,
    HookRunnerDto? Runner = null);

/// <summary>
/// The body of a <c>Job Hook</c> delivery (<c>object_kind: build</c>): the job's fields flattened with a <c>build_</c>
/// prefix, its pipeline's id, and a <c>commit</c> whose <c>id</c> is (as GitLab documents) the pipeline's, not the commit's.
/// </summary>
internal sealed record JobHookDto(
    long BuildId,
    string BuildName,
    string BuildStatus,
    long PipelineId,
    long ProjectId,
    string? BuildStage = null,
    bool BuildAllowFailure = false,
    [property: JsonConverter(typeof(GitLabOptionalTimestamp))] DateTimeOffset? BuildCreatedAt = null,
    [property: JsonConverter(typeof(GitLabOptionalTimestamp))] DateTimeOffset? BuildStartedAt = null,
    [property: JsonConverter(typeof(GitLabOptionalTimestamp))] DateTimeOffset? BuildFinishedAt = null,
    JobHookCommitDto? Commit = null,
    HookRunnerDto? Runner = null,
    HookProjectDto? Project = null);

internal sealed record JobHookCommitDto(string? Sha = null, string? Message = null, string? AuthorName = null, string? AuthorEmail = null);

internal sealed record HookProjectDto(long Id, string? PathWithNamespace = null, string? WebUrl = null);

internal sealed record HookUserDto(string? Username = null, string? Name = null);

internal sealed record HookCommitDto(string Id, string? Message = null, string? Title = null, HookAuthorDto? Author = null);

internal sealed record HookAuthorDto(string? Name = null, string? Email = null);

internal sealed record HookRunnerDto(string? Description = null);
