using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FlowForge.Storage.Conversions;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as INTEGER unix milliseconds (UTC), so SQLite can order, compare
/// and index it; the TEXT form EF Core uses by default cannot be ordered by SQLite.
/// </summary>
internal sealed class UnixMillisecondsConverter()
    : ValueConverter<DateTimeOffset, long>(
        value => value.ToUnixTimeMilliseconds(),
        value => DateTimeOffset.FromUnixTimeMilliseconds(value))
{
    /// <summary>The value as it reads back from the store: UTC, whole milliseconds.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());

    public static DateTimeOffset? Normalize(DateTimeOffset? value) =>
        value is { } present ? Normalize(present) : null;
}
