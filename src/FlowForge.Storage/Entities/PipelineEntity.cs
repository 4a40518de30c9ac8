namespace FlowForge.Storage.Entities;

/// <summary>A row of <c>pipelines</c>; its natural key is (instance id, native id).</summary>
internal sealed class PipelineEntity
{
    public long Id { get; set; }

    public string InstanceId { get; set; } = string.Empty;

    public string NativeId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Repository { get; set; } = string.Empty;

    public string? DefaultBranch { get; set; }

    public string? WebUrl { get; set; }

    public string? FilePath { get; set; }

    /// <summary>Provider-specific extras as a JSON object.</summary>
    public string ExtrasJson { get; set; } = "{}";
}
