using System.Text.Json;

namespace FlowForge.Emulators.Tests.Infrastructure;

/// <summary>
/// Compares a response with an official example field for field: every property of the example must be present
/// (recursively; arrays compare their first elements), with the example's JSON type where the example is not null.
/// A null is accepted instead only where the official schema declares the property nullable.
/// </summary>
internal static class JsonShape
{
    public static IReadOnlyList<string> Differences(JsonElement example, JsonElement actual, SchemaNode schema)
    {
        var differences = new List<string>();
        Compare(example, actual, schema, "$", differences);
        return differences;
    }

    public static void AssertMatches(JsonElement example, JsonElement actual, SchemaNode schema, string what)
    {
        var differences = Differences(example, actual, schema);
        Assert.True(differences.Count == 0, $"{what} differs from the official example:\n  " + string.Join("\n  ", differences));
    }

    private static void Compare(JsonElement example, JsonElement actual, SchemaNode schema, string path, List<string> differences)
    {
        if (example.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (actual.ValueKind == JsonValueKind.Null)
        {
            if (!schema.Nullable)
            {
                differences.Add($"{path}: null, but the example has {example.ValueKind} and the schema does not allow null");
            }

            return;
        }

        if (Kind(example) != Kind(actual))
        {
            differences.Add($"{path}: {actual.ValueKind}, expected {example.ValueKind}");
            return;
        }

        switch (example.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in example.EnumerateObject())
                {
                    if (!actual.TryGetProperty(property.Name, out var value))
                    {
                        differences.Add($"{path}.{property.Name}: missing");
                        continue;
                    }

                    Compare(property.Value, value, schema.Property(property.Name), $"{path}.{property.Name}", differences);
                }

                break;
            case JsonValueKind.Array when example.GetArrayLength() > 0 && actual.GetArrayLength() > 0:
                Compare(example[0], actual[0], schema.Items(), path + "[0]", differences);
                break;
        }
    }

    private static JsonValueKind Kind(JsonElement element) =>
        element.ValueKind is JsonValueKind.True or JsonValueKind.False ? JsonValueKind.True : element.ValueKind;
}
