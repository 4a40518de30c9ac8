using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FlowForge.Emulators.Jenkins.Json;

/// <summary>
/// Writes an <see cref="ExportedObject"/> as Jenkins' <c>api/json</c> does: every object with its <c>_class</c>; with a
/// <c>tree</c>, exactly the named properties (absent ones are skipped, null ones written as null) and array ranges; without
/// one, the properties whose visibility reaches their nesting level, widened by <c>depth</c>.
/// </summary>
internal static class ExportWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(ExportedObject root, TreeSpec? tree, int depth)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteObject(writer, root, tree, depth, 0);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteObject(Utf8JsonWriter writer, ExportedObject value, TreeSpec? tree, int depth, int level)
    {
        writer.WriteStartObject();
        if (value.Class is not null)
        {
            writer.WriteString("_class", value.Class);
        }

        foreach (var property in value.Properties)
        {
            TreeSpec? children = null;
            (int? From, int? To)? range = null;
            if (tree is not null ? !tree.TryGet(property.Name, out children, out range) : property.Visibility + depth <= level)
            {
                continue;
            }

            writer.WritePropertyName(property.Name);
            var content = property.Value is Func<object?> lazy ? lazy() : property.Value;
            WriteValue(writer, content, children, range, depth, property.Inline ? level : level + 1, tree is not null);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, TreeSpec? children, (int? From, int? To)? range, int depth, int level, bool pruned)
    {
        // Below a tree leaf (a name without [...]) Jenkins writes nested objects with their _class only.
        var childTree = pruned ? children ?? Empty : null;
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case DateTimeOffset time:
                writer.WriteNumberValue(time.ToUnixTimeMilliseconds());
                break;
            case ExportedObject nested:
                WriteObject(writer, nested, childTree, depth, level);
                break;
            case IDictionary map:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                    WriteValue(writer, entry.Value, children, null, depth, level, pruned);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable sequence:
                writer.WriteStartArray();
                var items = sequence.Cast<object?>();
                if (range is { } slice)
                {
                    items = items.Skip(slice.From ?? 0);
                    if (slice.To is { } to)
                    {
                        items = items.Take(Math.Max(0, to - (slice.From ?? 0)));
                    }
                }

                foreach (var item in items)
                {
                    WriteValue(writer, item, children, null, depth, level, pruned);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>A tree that names nothing: nested objects show their <c>_class</c> only.</summary>
    private static readonly TreeSpec Empty = TreeSpec.Parse("_class");
}
