using System.Text.Json.Serialization;

namespace FlowForge.Providers.Jenkins.Dtos;

/// <summary>
/// Source-generated deserialization of the Jenkins DTOs. Strict where it matters: a member without a default value must
/// be present and a non-nullable one must not be null, so an unexpected payload surfaces as a
/// <see cref="System.Text.Json.JsonException"/> (a BadResponse) instead of a half-filled record.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(FolderDto))]
[JsonSerializable(typeof(ItemDto))]
[JsonSerializable(typeof(WhoAmIDto))]
[JsonSerializable(typeof(CrumbDto))]
[JsonSerializable(typeof(JobRunsDto))]
[JsonSerializable(typeof(BuildDto))]
[JsonSerializable(typeof(QueueItemDto))]
[JsonSerializable(typeof(QueueStateDto))]
[JsonSerializable(typeof(BuildStateDto))]
[JsonSerializable(typeof(JobParametersDto))]
[JsonSerializable(typeof(RunDescriptionDto))]
[JsonSerializable(typeof(StageDescriptionDto))]
internal sealed partial class JenkinsJsonContext : JsonSerializerContext;
