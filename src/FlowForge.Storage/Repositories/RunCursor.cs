using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace FlowForge.Storage.Repositories;

/// <summary>
/// The position after the last run of a page: its creation time and row id, the keys runs are ordered by.
/// Opaque to clients (base64url); anything that does not decode is refused with a message for the user.
/// </summary>
internal readonly record struct RunCursor(long CreatedAtMilliseconds, long Id)
{
    public const string InvalidMessage = "The cursor is not valid.";

    private const string Prefix = "r1:";
    private static readonly long MinMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMilliseconds);

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{CreatedAtMilliseconds}:{Id}")));

    /// <exception cref="ArgumentException">The text is not a cursor this store issued.</exception>
    public static RunCursor Decode(string cursor)
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

        if (text.StartsWith(Prefix, StringComparison.Ordinal)
            && text[Prefix.Length..].Split(':') is [var createdAt, var id]
            && long.TryParse(createdAt, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milliseconds)
            && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var rowId)
            && milliseconds >= MinMilliseconds && milliseconds <= MaxMilliseconds
            && rowId > 0)
        {
            return new RunCursor(milliseconds, rowId);
        }

        throw new ArgumentException(InvalidMessage);
    }
}
