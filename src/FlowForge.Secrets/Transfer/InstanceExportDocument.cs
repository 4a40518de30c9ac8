using System.Text.Json.Serialization;

namespace FlowForge.Secrets.Transfer;

/// <summary>
/// Instances as exported: their configuration in the clear, their secrets only inside <see cref="Secrets"/>, the
/// base64 of FlowForge's sealed format (AES-256-GCM under an Argon2id key from the export passphrase, as the vault).
/// </summary>
/// <param name="Format">Always <see cref="FormatName"/>: what this JSON is, for whoever finds the file.</param>
public sealed record InstanceExportDocument(
    string Format,
    int Version,
    DateTimeOffset ExportedAt,
    IReadOnlyList<ExportedInstance> Instances,
    string Secrets)
{
    public const string FormatName = "flowforge-instances";
    public const int CurrentVersion = 1;
}

/// <param name="SecretFields">The secret fields whose values are in the sealed secrets.</param>
public sealed record ExportedInstance(
    string Id,
    string Kind,
    string DisplayName,
    IReadOnlyDictionary<string, string> Settings,
    int RefreshIntervalSeconds,
    ExportedWatch Watch,
    IReadOnlyList<string> SecretFields);

public sealed record ExportedWatch(bool All, IReadOnlyList<string> Sources);

/// <summary>What the sealed part holds: instance id → secret field → the secret (or its <c>env:NAME</c> reference).</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
internal sealed partial class ExportSecretsJson : JsonSerializerContext;
