using System.Text.Json.Serialization;

namespace FlowForge.Providers.Buildkite.Dtos;

/// <summary>
/// Source-generated (de)serialization of the Buildkite DTOs and the request bodies FlowForge sends. Strict where it
/// matters (a member without a default must be present, a non-nullable one must not be null), so an unexpected payload
/// is a <see cref="System.Text.Json.JsonException"/>, a BadResponse, never a half-filled record. Request bodies leave
/// out what is null, as Buildkite treats an absent property as "the default".
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(AccessTokenDto))]
[JsonSerializable(typeof(ErrorDto))]
[JsonSerializable(typeof(PipelineDto))]
[JsonSerializable(typeof(IReadOnlyList<PipelineDto>))]
[JsonSerializable(typeof(BuildDto))]
[JsonSerializable(typeof(IReadOnlyList<BuildDto>))]
[JsonSerializable(typeof(JobDto))]
[JsonSerializable(typeof(CreateBuildDto))]
[JsonSerializable(typeof(UnblockDto))]
[JsonSerializable(typeof(WebhookDto))]
internal sealed partial class BuildkiteJsonContext : JsonSerializerContext;
