namespace FlowForge.Storage.Entities;

/// <summary>A row of <c>instances</c>: a provider instance's configuration and its sync health.</summary>
internal sealed class InstanceEntity
{
    public string Id { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Non-secret settings as a JSON object.</summary>
    public string SettingsJson { get; set; } = "{}";

    /// <summary>Secret references (<c>env:NAME</c>, ...) as a JSON object; never a secret's value.</summary>
    public string SecretReferencesJson { get; set; } = "{}";

    /// <summary>When each secret field was last set, as a JSON object of field key to unix milliseconds.</summary>
    public string SecretsChangedAtJson { get; set; } = "{}";

    public long RefreshIntervalSeconds { get; set; }

    public bool WatchAll { get; set; }

    /// <summary>Explicitly watched source ids as a JSON array.</summary>
    public string WatchedSourcesJson { get; set; } = "[]";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The <c>HealthState</c> name.</summary>
    public string HealthState { get; set; } = string.Empty;

    public DateTimeOffset? LastSyncAt { get; set; }

    public DateTimeOffset? LastSuccessAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>The <c>ProviderErrorKind</c> name.</summary>
    public string? LastErrorKind { get; set; }

    public int ConsecutiveFailures { get; set; }

    public int? RateLimitLimit { get; set; }

    public int? RateLimitRemaining { get; set; }

    public DateTimeOffset? RateLimitResetsAt { get; set; }

    public string? RateLimitResource { get; set; }

    /// <summary>Set exactly when a rate-limit budget is stored.</summary>
    public DateTimeOffset? RateLimitObservedAt { get; set; }
}
