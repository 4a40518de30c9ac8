using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FlowForge.Providers.GitLab.Tests.Infrastructure;

/// <summary>The examples quoted from GitLab's documentation under <c>Fixtures/</c> (sources in its README).</summary>
internal static class Fixtures
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    /// <summary>Deserializes a fixture with the provider's source-generated context.</summary>
    public static T Read<T>(string name, JsonTypeInfo<T> typeInfo)
    {
        var value = JsonSerializer.Deserialize(Bytes(name), typeInfo);
        Assert.NotNull(value);
        return value;
    }
}
