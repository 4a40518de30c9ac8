namespace FlowForge.Providers.GitLab.Dtos;

/// <summary>
/// A pipeline: an item of <c>GET /projects/:id/pipelines</c> (<c>PipelineBasic</c>: no user, no start or finish time),
/// or the whole pipeline of <c>GET …/pipelines/:pipeline_id</c>, <c>POST …/pipeline</c>, <c>…/retry</c> and <c>…/cancel</c>.
/// </summary>
/// <param name="Iid">The number within the project; missing on servers older than GitLab 14.6.</param>
/// <param name="Name">Set by <c>workflow:name</c>; null for most pipelines.</param>
internal sealed record PipelineDto(
    long Id,
    long ProjectId,
    string Status,
    string Ref,
    string Sha,
    DateTimeOffset CreatedAt,
    long? Iid = null,
    string? Source = null,
    string? Name = null,
    string? WebUrl = null,
    DateTimeOffset? UpdatedAt = null,
    UserDto? User = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null,
    DetailedStatusDto? DetailedStatus = null);

/// <param name="Group">The UI bucket: <c>success-with-warnings</c> tells a success with allowed failures.</param>
internal sealed record DetailedStatusDto(string? Group = null);

/// <summary>The body of <c>POST /projects/:id/pipeline</c>.</summary>
/// <param name="Inputs">Typed values (string, number, boolean, array) for the <c>spec:inputs</c> the CI file declares.</param>
internal sealed record CreatePipelineDto(
    string Ref,
    IReadOnlyList<PipelineVariableDto>? Variables,
    IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Inputs);

/// <param name="VariableType"><c>env_var</c> or <c>file</c>.</param>
internal sealed record PipelineVariableDto(string Key, string Value, string VariableType = "env_var");
