using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowForge.Storage.Json;

/// <summary>
/// The JSON columns' (de)serialization. Dictionaries are written with their keys in ordinal order, so equal
/// contents always give equal text and an unchanged value never looks changed to the change tracker.
/// </summary>
internal static class StorageJson
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>(StringComparer.Ordinal);

    public static string Write(IReadOnlyDictionary<string, string>? values)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values ?? Empty)
        {
            sorted[key] = value;
        }

        return JsonSerializer.Serialize(sorted, StorageJsonContext.Default.SortedDictionaryStringString);
    }

    public static string Write(IReadOnlyList<string>? values) =>
        JsonSerializer.Serialize([.. values ?? []], StorageJsonContext.Default.ListString);

    public static IReadOnlyDictionary<string, string> ReadDictionary(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return Empty;
        }

        var values = JsonSerializer.Deserialize(json, StorageJsonContext.Default.DictionaryStringString);
        return values is null ? Empty : new Dictionary<string, string>(values, StringComparer.Ordinal);
    }

    public static IReadOnlyList<string> ReadList(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize(json, StorageJsonContext.Default.ListString) ?? [];
}

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(SortedDictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
