using System.Runtime.CompilerServices;
using System.Text.Json;

namespace FlowForge.Emulators.Tests.Infrastructure;

/// <summary>GitHub's official OpenAPI description (with its examples), from <c>shared/api/github</c> beside the repository.</summary>
internal static class OfficialApi
{
    private const string RelativePath = "shared/api/github/actions-openapi.json";

    private static readonly Lazy<JsonDocument> Document = new(Load);

    public static JsonElement Root => Document.Value.RootElement;

    /// <summary><c>components.examples.&lt;name&gt;.value</c>.</summary>
    public static JsonElement Example(string name) =>
        Root.GetProperty("components").GetProperty("examples").TryGetProperty(name, out var example)
            ? example.GetProperty("value")
            : throw new InvalidOperationException($"The official description has no example '{name}'.");

    /// <summary>The 200 response schema of an operation, e.g. <c>("/repos/{owner}/{repo}", "get")</c>.</summary>
    public static SchemaNode ResponseSchema(string path, string method = "get") =>
        new(Root.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema"));

    private static JsonDocument Load()
    {
        var file = Candidates().Select(Find).FirstOrDefault(f => f is not null)
            ?? throw new InvalidOperationException(
                $"Could not find {RelativePath} in any parent of the test binaries, the working directory or the test sources " +
                "(the repository is expected next to 'shared', e.g. /work/main and /work/shared).");
        return JsonDocument.Parse(File.ReadAllBytes(file));
    }

    private static IEnumerable<string> Candidates([CallerFilePath] string sourceFile = "") =>
        [AppContext.BaseDirectory, Directory.GetCurrentDirectory(), Path.GetDirectoryName(sourceFile) ?? ""];

    private static string? Find(string start)
    {
        for (var directory = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A schema of the official description, followed through <c>$ref</c>, <c>allOf</c>, <c>oneOf</c> and <c>anyOf</c>.</summary>
internal sealed class SchemaNode
{
    private readonly IReadOnlyList<JsonElement> _variants;

    public SchemaNode(JsonElement schema) => _variants = Expand(schema).ToArray();

    private SchemaNode(IReadOnlyList<JsonElement> variants) => _variants = variants;

    /// <summary>Whether the official schema allows null here.</summary>
    public bool Nullable => _variants.Any(v => v.TryGetProperty("nullable", out var n) && n.ValueKind == JsonValueKind.True);

    public SchemaNode Property(string name) =>
        new([.. _variants
            .Where(v => v.TryGetProperty("properties", out var p) && p.TryGetProperty(name, out _))
            .SelectMany(v => Expand(v.GetProperty("properties").GetProperty(name)))]);

    public SchemaNode Items() =>
        new([.. _variants.Where(v => v.TryGetProperty("items", out _)).SelectMany(v => Expand(v.GetProperty("items")))]);

    private static IEnumerable<JsonElement> Expand(JsonElement schema)
    {
        yield return schema;
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            foreach (var inner in Expand(OfficialApi.Root.GetProperty("components").GetProperty("schemas").GetProperty(name)))
            {
                yield return inner;
            }
        }

        foreach (var combinator in (string[])["allOf", "oneOf", "anyOf"])
        {
            if (schema.TryGetProperty(combinator, out var parts))
            {
                foreach (var inner in parts.EnumerateArray().SelectMany(Expand))
                {
                    yield return inner;
                }
            }
        }
    }
}
