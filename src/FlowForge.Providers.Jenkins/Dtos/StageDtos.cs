namespace FlowForge.Providers.Jenkins.Dtos;

/// <summary>
/// <c>…/{build}/wfapi/describe</c> of the Pipeline Stage View plugin (<c>RunExt</c>): the build's stages. Not a Stapler
/// bean: no <c>_class</c>, no <c>tree</c>.
/// </summary>
internal sealed record RunDescriptionDto(
    string? Id = null,
    string? Status = null,
    IReadOnlyList<StageDto>? Stages = null);

/// <summary>A stage (<c>StageNodeExt</c>): times in epoch milliseconds, <c>execNode</c> empty for the built-in node.</summary>
internal sealed record StageDto(
    string Id,
    string Name,
    string? Status = null,
    string? ExecNode = null,
    long StartTimeMillis = 0,
    long DurationMillis = 0);

/// <summary><c>…/execution/node/{id}/wfapi/describe</c> of a stage: the flow nodes (steps) that ran in it.</summary>
internal sealed record StageDescriptionDto(
    string Id,
    string? Status = null,
    IReadOnlyList<FlowNodeDto>? StageFlowNodes = null);

/// <summary>A step (<c>AtomFlowNodeExt</c>): <c>parameterDescription</c> is what it ran (a shell command, a URL).</summary>
internal sealed record FlowNodeDto(
    string Id,
    string Name,
    string? Status = null,
    string? ParameterDescription = null,
    long StartTimeMillis = 0,
    long DurationMillis = 0);
