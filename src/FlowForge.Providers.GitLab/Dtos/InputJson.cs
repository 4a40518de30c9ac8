using System.Text.Json.Serialization;

namespace FlowForge.Providers.GitLab.Dtos;

/// <summary>The plain values an input can take, serialized without reflection.</summary>
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class InputJson : JsonSerializerContext;
