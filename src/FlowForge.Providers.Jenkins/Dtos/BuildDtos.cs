using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowForge.Providers.Jenkins.Dtos;

/// <summary>
/// A job's runs as one <c>tree</c> query returns them (<c>hudson.model.Job</c>: <c>nextBuildNumber</c>,
/// <c>queueItem</c>, <c>builds</c> — the newest first).
/// </summary>
internal sealed record JobRunsDto(
    long NextBuildNumber,
    QueueItemDto? QueueItem = null,
    IReadOnlyList<BuildDto>? Builds = null);

/// <summary>
/// A build (<c>hudson.model.Run</c>): <c>result</c> is null while it runs; <c>timestamp</c> and <c>duration</c>
/// are milliseconds. Pipeline builds carry <c>changeSets</c>, freestyle builds <c>changeSet</c>.
/// </summary>
internal sealed record BuildDto(
    long Number,
    bool Building,
    long Timestamp,
    string? Result = null,
    long Duration = 0,
    string? Url = null,
    string? DisplayName = null,
    string? Description = null,
    long? QueueId = null,
    IReadOnlyList<ActionDto?>? Actions = null,
    IReadOnlyList<ChangeSetDto?>? ChangeSets = null,
    ChangeSetDto? ChangeSet = null);

/// <summary>
/// One of the <c>actions</c> of a build, queue item or job; each kind fills its own fields: <c>hudson.model.CauseAction</c>
/// (<c>causes</c>), <c>hudson.plugins.git.util.BuildData</c> (<c>lastBuiltRevision</c>), <c>hudson.model.ParametersAction</c>
/// (<c>parameters</c>), and <c>hudson.model.ParametersDefinitionProperty</c> on older jobs (<c>parameterDefinitions</c>).
/// </summary>
internal sealed record ActionDto(
    [property: JsonPropertyName("_class")] string? Class = null,
    IReadOnlyList<CauseDto?>? Causes = null,
    RevisionDto? LastBuiltRevision = null,
    IReadOnlyList<ParameterValueDto?>? Parameters = null,
    IReadOnlyList<ParameterDefinitionDto?>? ParameterDefinitions = null);

/// <summary>A <c>hudson.model.Cause</c>; user causes add <c>userId</c> and <c>userName</c>.</summary>
internal sealed record CauseDto(
    [property: JsonPropertyName("_class")] string? Class = null,
    string? ShortDescription = null,
    string? UserId = null,
    string? UserName = null);

/// <summary>The git plugin's <c>Revision</c>: the built commit and the branches pointing at it.</summary>
internal sealed record RevisionDto(
    [property: JsonPropertyName("SHA1")] string? Sha1 = null,
    IReadOnlyList<BranchDto?>? Branch = null);

internal sealed record BranchDto(
    [property: JsonPropertyName("SHA1")] string? Sha1 = null,
    string? Name = null);

/// <summary>A <c>hudson.scm.ChangeLogSet</c>: the commits a build brought in.</summary>
internal sealed record ChangeSetDto(IReadOnlyList<ChangeSetItemDto?>? Items = null, string? Kind = null);

/// <summary>A commit of a change set (the git plugin's <c>GitChangeSet</c>).</summary>
internal sealed record ChangeSetItemDto(
    string? CommitId = null,
    string? Msg = null,
    string? AuthorEmail = null,
    UserDto? Author = null,
    long? Timestamp = null);

internal sealed record UserDto(string? FullName = null);

/// <summary>A <c>hudson.model.ParameterValue</c>: <c>value</c> is a string, a boolean, or absent (passwords).</summary>
internal sealed record ParameterValueDto(
    string Name,
    [property: JsonPropertyName("_class")] string? Class = null,
    JsonElement? Value = null);

/// <summary>
/// A queue item (<c>hudson.model.Queue$Item</c>): waiting, blocked or buildable while queued; a <c>LeftItem</c> once it
/// left the queue, with the build it became (<c>executable</c>) or <c>cancelled</c>.
/// </summary>
internal sealed record QueueItemDto(
    long Id,
    [property: JsonPropertyName("_class")] string? Class = null,
    long InQueueSince = 0,
    string? Why = null,
    bool Blocked = false,
    bool Stuck = false,
    bool Cancelled = false,
    ExecutableDto? Executable = null,
    IReadOnlyList<ActionDto?>? Actions = null);

/// <summary>The build a queue item became.</summary>
internal sealed record ExecutableDto(long Number, string? Url = null);

/// <summary>A job asked for where it is in the queue and which builds came from which queue item.</summary>
internal sealed record QueueStateDto(
    long NextBuildNumber,
    QueueItemDto? QueueItem = null,
    IReadOnlyList<QueuedBuildDto>? Builds = null);

internal sealed record QueuedBuildDto(long Number, long? QueueId = null, string? Url = null);

/// <summary>A build asked only for its state (before stopping it) or its parameters (before re-running it).</summary>
internal sealed record BuildStateDto(
    long Number,
    bool Building,
    string? Result = null,
    IReadOnlyList<ActionDto?>? Actions = null);
