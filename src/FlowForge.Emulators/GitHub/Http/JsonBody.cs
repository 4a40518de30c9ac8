using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FlowForge.Emulators.GitHub.Http;

/// <summary>Renders response bodies as compact UTF-8 JSON, as GitHub sends them.</summary>
internal static class JsonBody
{
    public const string DocumentationUrl = "https://docs.github.com/rest";

    // GitHub writes '+', '&' and non-ASCII literally (e.g. "contents/{+path}"); the default encoder would escape them.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>GitHub's error shape: message, documentation_url and the status as a string.</summary>
    public static byte[] Error(int status, string message, string documentationUrl = DocumentationUrl) =>
        Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("message", message);
            w.WriteString("documentation_url", documentationUrl);
            w.WriteString("status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteEndObject();
        });
}
