using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace FlowForge.Providers.Buildkite.Tests.Infrastructure;

/// <summary>
/// Buildkite's published JSON examples in <c>Fixtures/</c> (see its README for the source of each). The docs write
/// trailing commas and <c>\:</c> (a colon kept from becoming an emoji), which JSON parsers refuse; both are dropped
/// before parsing, nothing else is touched.
/// </summary>
internal static class OfficialExamples
{
    /// <summary>The example as strict JSON bytes, as an API would send them.</summary>
    public static byte[] Bytes(string fixture)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture);
        var text = File.ReadAllText(path).Replace("\\:", ":", StringComparison.Ordinal);
        var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true })
            ?? throw new InvalidDataException($"{fixture} is JSON null.");
        return JsonSerializer.SerializeToUtf8Bytes(node);
    }

    /// <summary>Deserializes an example with the provider's source-generated context.</summary>
    public static T Read<T>(string fixture, JsonTypeInfo<T> typeInfo)
    {
        var value = JsonSerializer.Deserialize(Bytes(fixture), typeInfo);
        Assert.NotNull(value);
        return value;
    }
}
