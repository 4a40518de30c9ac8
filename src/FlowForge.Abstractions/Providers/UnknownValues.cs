using FlowForge.Abstractions.Domain;
using Microsoft.Extensions.Logging;

namespace FlowForge.Abstractions.Providers;

/// <summary>
/// Logs the values a provider sends that FlowForge does not know (a status word a newer server added, say) once each,
/// not on every poll. Bounded: past <paramref name="capacity"/> distinct values nothing more is logged, so a misbehaving
/// server inventing endless words can neither grow memory nor flood the log.
/// </summary>
/// <param name="logger">The mapper's logger, so the warning carries the mapper's category.</param>
/// <param name="provider">The provider's name, for the message (<c>GitLab</c>).</param>
public sealed partial class UnknownValues(ILogger logger, string provider, int capacity = 256)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Logs <paramref name="value"/> of <paramref name="field"/> if it is new, and maps it to <see cref="RunStatus.Unknown"/>.</summary>
    public RunStatus Status(string field, string? value)
    {
        Report(field, value);
        return RunStatus.Unknown;
    }

    /// <summary>Logs <paramref name="value"/> of <paramref name="field"/> the first time it is seen; returns whether it did.</summary>
    public bool Report(string field, string? value)
    {
        ArgumentNullException.ThrowIfNull(field);
        var shown = value ?? "(none)";
        lock (_gate)
        {
            if (_seen.Count >= capacity || !_seen.Add($"{field}\n{shown}"))
            {
                return false;
            }
        }

        LogUnknownValue(logger, provider, field, shown);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Provider} sent the {Field} '{Value}', which FlowForge does not know; it is shown as Unknown.")]
    private static partial void LogUnknownValue(ILogger logger, string provider, string field, string value);
}
