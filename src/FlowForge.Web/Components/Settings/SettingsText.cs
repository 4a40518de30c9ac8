using System.Globalization;
using FlowForge.Abstractions.Domain;

namespace FlowForge.Web.Components.Settings;

/// <summary>Words and numbers for the settings page: health, moments before and after now, counts.</summary>
internal static class SettingsText
{
    public static string Health(HealthState state) => state switch
    {
        HealthState.Healthy => "Healthy",
        HealthState.Degraded => "Degraded",
        HealthState.Unhealthy => "Unhealthy",
        _ => "Not synced yet",
    };

    /// <summary>
    /// "in 5 s", "in 3 min", "12 min ago", "now": a moment relative to <paramref name="now"/>, past or future. Days are
    /// rounded, so a key made to last 30 days says "in 30 d" a second after it was made.
    /// </summary>
    public static string Relative(DateTimeOffset? when, DateTimeOffset now)
    {
        if (when is not { } value)
        {
            return "—";
        }

        var offset = value - now;
        var span = offset.Duration();
        if (span < TimeSpan.FromSeconds(1))
        {
            return "now";
        }

        var amount = span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds} s"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes} min"
            : span.TotalHours < 48 ? $"{(int)span.TotalHours} h"
            : $"{(int)Math.Round(span.TotalDays)} d";
        return offset > TimeSpan.Zero ? $"in {amount}" : $"{amount} ago";
    }

    /// <summary>"every 30 s", "every 5 min", "every 90 min", "every 2 h": the largest whole unit.</summary>
    public static string Interval(TimeSpan interval)
    {
        var seconds = (long)interval.TotalSeconds;
        return seconds % 60 != 0 ? $"every {seconds.ToString("N0", CultureInfo.InvariantCulture)} s"
            : seconds % 3600 != 0 ? $"every {seconds / 60} min"
            : $"every {seconds / 3600} h";
    }

    public static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"1 source", "3 sources".</summary>
    public static string Plural(int count, string one, string many) => $"{Count(count)} {(count == 1 ? one : many)}";

    public static string Exact(DateTimeOffset? when) => when?.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Machine(DateTimeOffset? when) => when?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty;
}
