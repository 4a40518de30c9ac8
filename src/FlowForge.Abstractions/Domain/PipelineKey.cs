using System.Diagnostics.CodeAnalysis;

namespace FlowForge.Abstractions.Domain;

/// <summary>
/// Stable identity of a pipeline: <c>{instance}/{provider-native id}</c>. Both parts are single URL path
/// segments so the key maps onto <c>/pipelines/{instance}/{id}</c> routes; providers with hierarchical
/// names (Jenkins folders) encode them into one segment.
/// </summary>
public readonly record struct PipelineKey
{
    public PipelineKey(string instanceId, string nativeId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(nativeId);
        if (instanceId.Contains('/', StringComparison.Ordinal) || nativeId.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("Pipeline key parts must not contain '/'.");
        }

        InstanceId = instanceId;
        NativeId = nativeId;
    }

    public string InstanceId { get; }

    public string NativeId { get; }

    public override string ToString() => $"{InstanceId}/{NativeId}";

    public static bool TryParse(string? value, [NotNullWhen(true)] out PipelineKey? key)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1 || value.IndexOf('/', slash + 1) >= 0)
        {
            return false;
        }

        key = new PipelineKey(value[..slash], value[(slash + 1)..]);
        return true;
    }
}
