using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FlowForge.Providers.GitHub.Tests.Infrastructure;

/// <summary>
/// The official GitHub REST API description (Actions subset) with its named response examples:
/// <c>shared/api/github/actions-openapi.json</c>, beside the repository.
/// </summary>
internal static class OfficialExamples
{
    private const string RelativePath = "shared/api/github/actions-openapi.json";

    private static readonly Lazy<JsonDocument> Document = new(Load);

    /// <summary>The raw JSON of <c>components.examples.&lt;name&gt;.value</c>.</summary>
    public static string Json(string name)
    {
        var examples = Document.Value.RootElement.GetProperty("components").GetProperty("examples");
        Assert.True(examples.TryGetProperty(name, out var example), $"The official description has no example named '{name}'.");
        return example.GetProperty("value").GetRawText();
    }

    /// <summary>Deserializes an example with the provider's source-generated context.</summary>
    public static T Read<T>(string name, JsonTypeInfo<T> typeInfo)
    {
        var value = JsonSerializer.Deserialize(Json(name), typeInfo);
        Assert.NotNull(value);
        return value;
    }

    private static JsonDocument Load()
    {
        var starts = new List<string> { AppContext.BaseDirectory, Directory.GetCurrentDirectory() };
        if (typeof(OfficialExamples).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(attribute => attribute.Key == "FlowForge.TestProjectDirectory")?.Value is { Length: > 0 } projectDirectory)
        {
            starts.Add(projectDirectory);
        }

        foreach (var start in starts)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, RelativePath);
                if (File.Exists(candidate))
                {
                    return JsonDocument.Parse(File.ReadAllBytes(candidate));
                }
            }
        }

        throw new FileNotFoundException(
            $"Could not find {RelativePath} in any parent of: {string.Join(", ", starts)}. "
            + "The contract tests need the shared/ folder beside the repository (e.g. /work/shared next to /work/main).");
    }
}
