using System.Text.Json;
using System.Text.Json.Serialization;
using FlowForge.Core.Sync;
using Microsoft.AspNetCore.Mvc;

namespace FlowForge.Server.Contracts;

/// <summary>Source-generated serialization for every API body: no reflection on the hot read path.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IReadOnlyList<ProviderKindResponse>))]
[JsonSerializable(typeof(CreateInstanceRequest))]
[JsonSerializable(typeof(UpdateInstanceRequest))]
[JsonSerializable(typeof(InstanceResponse))]
[JsonSerializable(typeof(IReadOnlyList<InstanceResponse>))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(SyncStatusResponse))]
[JsonSerializable(typeof(CredentialCheckResponse))]
[JsonSerializable(typeof(IReadOnlyList<SourceResponse>))]
[JsonSerializable(typeof(SyncReport))]
[JsonSerializable(typeof(PageResponse<PipelineResponse>))]
[JsonSerializable(typeof(PipelineResponse))]
[JsonSerializable(typeof(PageResponse<RunResponse>))]
[JsonSerializable(typeof(RunDetailResponse))]
[JsonSerializable(typeof(EventResponse))]
[JsonSerializable(typeof(ParametersResponse))]
[JsonSerializable(typeof(TriggerRunRequest))]
[JsonSerializable(typeof(TriggerRunResponse))]
[JsonSerializable(typeof(RerunRequest))]
[JsonSerializable(typeof(CancelRequest))]
[JsonSerializable(typeof(UnblockRequest))]
[JsonSerializable(typeof(RunActionResponse))]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(KeyResponse))]
[JsonSerializable(typeof(IReadOnlyList<KeyResponse>))]
[JsonSerializable(typeof(CreatedKeyResponse))]
[JsonSerializable(typeof(PageResponse<AuditEntryResponse>))]
[JsonSerializable(typeof(WebhookDeliveryResponse))]
[JsonSerializable(typeof(WebhookStatsResponse))]
[JsonSerializable(typeof(SetSecretRequest))]
[JsonSerializable(typeof(SecretFieldResponse))]
[JsonSerializable(typeof(IReadOnlyList<SecretFieldResponse>))]
[JsonSerializable(typeof(SecretStoreResponse))]
[JsonSerializable(typeof(ExportInstancesRequest))]
[JsonSerializable(typeof(ExportInstancesResponse))]
[JsonSerializable(typeof(ImportInstancesRequest))]
[JsonSerializable(typeof(ImportInstancesResponse))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;

/// <summary>Enum values as camelCase strings, like every other name in the API.</summary>
internal sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
