using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;

namespace FlowForge.Core.Auditing;

/// <summary>
/// What an instance add or update changed, for the audit log: settings by key, secret values as <c>***</c>. One rule
/// for every way in (the HTTP API, the dashboard), so the log reads the same whoever made the change.
/// </summary>
public static class InstanceAuditParameters
{
    public const string Masked = "***";

    public static Dictionary<string, string> For(
        ProviderDescriptor? descriptor,
        string? kind,
        string? displayName,
        IReadOnlyDictionary<string, string?>? settings,
        int? refreshIntervalSeconds,
        WatchSelection? watch)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (kind is not null)
        {
            parameters["kind"] = kind;
        }

        if (displayName is not null)
        {
            parameters["displayName"] = displayName;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            // Only a field the provider declares as not secret shows its value; an unknown (misspelt) one may be a secret.
            var visible = descriptor?.FindField(key) is { Secret: false };
            parameters[$"settings.{key}"] = string.IsNullOrWhiteSpace(value) ? string.Empty : visible ? value : Masked;
        }

        if (refreshIntervalSeconds is { } seconds)
        {
            parameters["refreshIntervalSeconds"] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (watch is not null)
        {
            parameters["watch"] = watch.All ? "all" : string.Join(',', watch.Sources);
        }

        return parameters;
    }
}
