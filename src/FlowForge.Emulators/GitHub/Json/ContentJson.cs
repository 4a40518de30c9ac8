using System.Text;
using System.Text.Json;
using FlowForge.Emulators.GitHub.State;

namespace FlowForge.Emulators.GitHub.Json;

/// <summary>Repository contents entries (content-file), for the workflow files the emulator knows.</summary>
internal static class ContentJson
{
    public static void WriteFile(Utf8JsonWriter w, EmulatedRepository repository, string path, string content, string gitRef, RenderContext context)
    {
        w.WriteStartObject();
        WriteEntryProperties(w, repository, path, Encoding.UTF8.GetByteCount(content), BlobSha(content), gitRef, context, withType: false);
        w.WriteString("content", Base64Lines(content));
        w.WriteEndObject();
    }

    public static void WriteEntry(Utf8JsonWriter w, EmulatedRepository repository, string path, string content, string gitRef, RenderContext context)
    {
        w.WriteStartObject();
        WriteEntryProperties(w, repository, path, Encoding.UTF8.GetByteCount(content), BlobSha(content), gitRef, context, withType: true);
        w.WriteEndObject();
    }

    public static string BlobSha(string content) => EmulatorState.GitId("blob:" + content);

    private static void WriteEntryProperties(
        Utf8JsonWriter w, EmulatedRepository repository, string path, int size, string sha, string gitRef, RenderContext context, bool withType)
    {
        var api = context.Urls.Repository(repository.FullName);
        var self = $"{api}/contents/{path}?ref={Uri.EscapeDataString(gitRef)}";
        var git = $"{api}/git/blobs/{sha}";
        var html = context.Urls.Html($"{repository.FullName}/blob/{gitRef}/{path}");
        w.WriteString("type", "file");
        if (!withType)
        {
            w.WriteString("encoding", "base64");
        }

        w.WriteNumber("size", size);
        w.WriteString("name", Path.GetFileName(path));
        w.WriteString("path", path);
        w.WriteString("sha", sha);
        w.WriteString("url", self);
        w.WriteString("git_url", git);
        w.WriteString("html_url", html);
        w.WriteString("download_url", context.Urls.Html($"{repository.FullName}/raw/{gitRef}/{path}"));
        w.WriteStartObject("_links");
        w.WriteString("self", self);
        w.WriteString("git", git);
        w.WriteString("html", html);
        w.WriteEndObject();
    }

    /// <summary>Base64 wrapped at 60 characters with '\n', as GitHub sends file content.</summary>
    private static string Base64Lines(string content)
    {
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(content));
        var lines = new StringBuilder(base64.Length + (base64.Length / 60) + 1);
        for (var i = 0; i < base64.Length; i += 60)
        {
            lines.Append(base64, i, Math.Min(60, base64.Length - i)).Append('\n');
        }

        return lines.ToString();
    }
}
