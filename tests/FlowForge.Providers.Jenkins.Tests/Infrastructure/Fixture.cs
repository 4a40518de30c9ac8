using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FlowForge.Providers.Jenkins.Tests.Infrastructure;

/// <summary>The example responses under <c>Fixtures/</c>, copied beside the test assembly.</summary>
internal static class Fixture
{
    public static string Json(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    /// <summary>Deserializes a fixture with the provider's source-generated context.</summary>
    public static T Read<T>(string name, JsonTypeInfo<T> typeInfo)
    {
        var value = JsonSerializer.Deserialize(Json(name), typeInfo);
        Assert.NotNull(value);
        return value;
    }
}
