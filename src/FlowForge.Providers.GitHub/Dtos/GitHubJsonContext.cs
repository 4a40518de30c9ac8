using System.Text.Json.Serialization;

namespace FlowForge.Providers.GitHub.Dtos;

/// <summary>
/// Source-generated (de)serialization of the GitHub DTOs and of the request bodies FlowForge sends. Strict where it
/// matters: a member without a default value must be present, and a non-nullable one must not be null, so an
/// unexpected payload surfaces as a
/// <see cref="System.Text.Json.JsonException"/> (a BadResponse) instead of a half-filled record.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(UserDto))]
[JsonSerializable(typeof(ErrorDto))]
[JsonSerializable(typeof(RepositoryDto))]
[JsonSerializable(typeof(IReadOnlyList<RepositoryDto>))]
[JsonSerializable(typeof(WorkflowDto))]
[JsonSerializable(typeof(WorkflowListDto))]
[JsonSerializable(typeof(WorkflowRunDto))]
[JsonSerializable(typeof(WorkflowRunListDto))]
[JsonSerializable(typeof(JobDto))]
[JsonSerializable(typeof(JobListDto))]
[JsonSerializable(typeof(WorkflowRunEventDto))]
[JsonSerializable(typeof(WorkflowJobEventDto))]
[JsonSerializable(typeof(ContentFileDto))]
[JsonSerializable(typeof(DispatchRequestDto))]
[JsonSerializable(typeof(DispatchResponseDto))]
internal sealed partial class GitHubJsonContext : JsonSerializerContext;
