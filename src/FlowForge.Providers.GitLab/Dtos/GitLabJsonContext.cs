using System.Text.Json.Serialization;

namespace FlowForge.Providers.GitLab.Dtos;

/// <summary>
/// Source-generated (de)serialization of the GitLab DTOs and of the request bodies FlowForge sends. Strict where it
/// matters: a member without a default must be present and a non-nullable one must not be null, so an unexpected
/// payload surfaces as a <see cref="System.Text.Json.JsonException"/> (a BadResponse), not as a half-filled record.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(UserDto))]
[JsonSerializable(typeof(AccessTokenDto))]
[JsonSerializable(typeof(ProjectDto))]
[JsonSerializable(typeof(IReadOnlyList<ProjectDto>))]
[JsonSerializable(typeof(PipelineDto))]
[JsonSerializable(typeof(IReadOnlyList<PipelineDto>))]
[JsonSerializable(typeof(JobDto))]
[JsonSerializable(typeof(IReadOnlyList<JobDto>))]
[JsonSerializable(typeof(CreatePipelineDto))]
[JsonSerializable(typeof(PipelineHookDto))]
[JsonSerializable(typeof(JobHookDto))]
internal sealed partial class GitLabJsonContext : JsonSerializerContext;
