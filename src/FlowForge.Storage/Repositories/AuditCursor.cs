using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace FlowForge.Storage.Repositories;

/// <summary>The id of the last entry of an audit page; the next page holds older (smaller) ids. Opaque to clients.</summary>
internal static class AuditCursor
{
    public const string InvalidMessage = "The cursor is not valid.";
    private const string Prefix = "a1:";

    public static string Encode(long id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{id}")));

    /// <exception cref="ArgumentException">Not a cursor this store issued.</exception>
    public static long Decode(string cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException exception)
        {
            throw new ArgumentException(InvalidMessage, exception);
        }

        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new ArgumentException(InvalidMessage);
    }
}
