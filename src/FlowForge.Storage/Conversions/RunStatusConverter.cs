using FlowForge.Abstractions.Domain;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FlowForge.Storage.Conversions;

/// <summary>
/// Stores a <see cref="RunStatus"/> as its name. A name this build does not know (written by a newer build,
/// or by hand) reads as <see cref="RunStatus.Unknown"/> instead of failing the whole query.
/// </summary>
internal sealed class RunStatusConverter()
    : ValueConverter<RunStatus, string>(
        value => value.ToString(),
        value => Parse(value))
{
    public static RunStatus Parse(string? value) =>
        // Names only: Enum.TryParse also accepts numbers ("42") and comma lists, which are not stored names.
        value is { Length: > 0 } && char.IsAsciiLetter(value[0]) && !value.Contains(',', StringComparison.Ordinal)
            && Enum.TryParse<RunStatus>(value, ignoreCase: false, out var status) && Enum.IsDefined(status)
            ? status
            : RunStatus.Unknown;
}
