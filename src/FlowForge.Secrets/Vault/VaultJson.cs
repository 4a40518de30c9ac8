using System.Text.Json.Serialization;

namespace FlowForge.Secrets.Vault;

/// <summary>The vault's plaintext: one JSON object of key → secret, serialized without reflection.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class VaultJson : JsonSerializerContext;
