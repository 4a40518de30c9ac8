using System.Text;

namespace FlowForge.Abstractions.Http;

/// <summary>The end of a text a provider sent, bounded: logs can be far larger than anyone reads or stores.</summary>
/// <param name="Text">The last characters of the text (all of it unless <paramref name="Truncated"/>).</param>
/// <param name="TotalBytes">How many bytes the whole text had.</param>
public sealed record TextTail(string Text, long TotalBytes, bool Truncated)
{
    /// <summary>How much of a job log a provider keeps: its end, which is what a reader of a long or running log wants.</summary>
    public const int MaxLogBytes = 4 * 1024 * 1024;

    /// <summary>What a log kept to its last <see cref="MaxLogBytes"/> starts with, so nobody mistakes it for the whole.</summary>
    public const string LogCutNotice = "[FlowForge: the beginning of this log was cut; it shows the last 4 MiB]\n";

    /// <summary>A job log's text, streamed and kept to its last <see cref="MaxLogBytes"/>, marked when its beginning was cut.</summary>
    public static async Task<string> ReadLogAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var tail = await ReadAsync(content, MaxLogBytes, cancellationToken);
        return tail.Truncated ? LogCutNotice + tail.Text : tail.Text;
    }

    /// <summary>
    /// Reads a UTF-8 body to its end, keeping at most <paramref name="maxBytes"/> of its last bytes (cut at a character
    /// boundary), so a huge log costs bounded memory however long it is.
    /// </summary>
    public static async Task<TextTail> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var window = new byte[maxBytes];
        var buffer = new byte[Math.Min(maxBytes, 81_920)];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            // The window keeps the last maxBytes bytes: shift out what the new chunk pushes past its start.
            var kept = (int)Math.Min(total, maxBytes);
            var overflow = Math.Max(0, kept + read - maxBytes);
            if (overflow > 0)
            {
                Buffer.BlockCopy(window, overflow, window, 0, kept - overflow);
                kept -= overflow;
            }

            Buffer.BlockCopy(buffer, 0, window, kept, read);
            total += read;
        }

        var length = (int)Math.Min(total, maxBytes);
        var start = 0;
        var truncated = total > maxBytes;
        while (truncated && start < length && (window[start] & 0xC0) == 0x80)
        {
            // A cut inside a multi-byte character: start at the next whole one.
            start++;
        }

        return new TextTail(Encoding.UTF8.GetString(window, start, length - start), total, truncated);
    }

    /// <summary>The last <paramref name="maxChars"/> characters of <paramref name="text"/>, or all of it.</summary>
    public static string Last(string text, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxChars)
        {
            return text;
        }

        var start = text.Length - maxChars;
        return char.IsLowSurrogate(text[start]) ? text[(start + 1)..] : text[start..];
    }
}
