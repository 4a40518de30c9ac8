using FlowForge.Abstractions.Domain;

namespace FlowForge.Web.Components.Shared;

/// <summary>Words for statuses, the same everywhere in the dashboard.</summary>
public static class StatusText
{
    public static string Of(RunStatus status) => status switch
    {
        RunStatus.Queued => "Queued",
        RunStatus.Waiting => "Waiting",
        RunStatus.Running => "Running",
        RunStatus.Canceling => "Cancelling",
        RunStatus.Succeeded => "Succeeded",
        RunStatus.SucceededWithWarnings => "Succeeded with warnings",
        RunStatus.Failed => "Failed",
        RunStatus.Cancelled => "Cancelled",
        RunStatus.Skipped => "Skipped",
        _ => "Unknown",
    };

    /// <summary>"2 h 5 min", "45 s": short, readable durations.</summary>
    public static string Duration(TimeSpan? duration)
    {
        if (duration is not { } value || value < TimeSpan.Zero)
        {
            return "—";
        }

        return value.TotalSeconds < 60 ? $"{(int)value.TotalSeconds} s"
            : value.TotalMinutes < 60 ? $"{(int)value.TotalMinutes} min {value.Seconds} s"
            : $"{(int)value.TotalHours} h {value.Minutes} min";
    }

    /// <summary>"just now", "5 min ago", "3 h ago", "2 d ago".</summary>
    public static string Ago(DateTimeOffset? when, DateTimeOffset now)
    {
        if (when is not { } value)
        {
            return "—";
        }

        var elapsed = now - value;
        return elapsed.TotalSeconds < 45 ? "just now"
            : elapsed.TotalMinutes < 60 ? $"{Math.Max(1, (int)elapsed.TotalMinutes)} min ago"
            : elapsed.TotalHours < 24 ? $"{(int)elapsed.TotalHours} h ago"
            : $"{(int)elapsed.TotalDays} d ago";
    }
}
