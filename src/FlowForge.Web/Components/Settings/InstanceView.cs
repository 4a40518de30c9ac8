using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Sync;

namespace FlowForge.Web.Components.Settings;

/// <summary>One instance as the settings page shows it: configuration, stored health, and the live sync and budget state.</summary>
/// <param name="Descriptor">Null when the instance's provider kind is not installed (any more).</param>
/// <param name="Budget">The rate-limit budget as last observed: live when the instance has connected, else as last stored.</param>
/// <param name="BlockedUntil">The provider asked for silence until then (Retry-After, an exhausted budget).</param>
/// <param name="Syncing">A sync of the instance is running now.</param>
public sealed record InstanceView(
    ProviderInstance Instance,
    ProviderDescriptor? Descriptor,
    InstanceHealth Health,
    SyncStatus Sync,
    RateLimitSnapshot? Budget,
    DateTimeOffset? BlockedUntil,
    bool Syncing)
{
    public string Id => Instance.Id;

    public bool Can(ProviderCapabilities capability) => Descriptor is { } descriptor && descriptor.Capabilities.HasFlag(capability);
}

/// <summary>What the instance form hands back: for an edit, only what changed.</summary>
/// <param name="DisplayName">Null: not given (add) or unchanged (edit).</param>
/// <param name="Settings">Values by field key; an empty value clears the field, a secret given is rotated.</param>
/// <param name="RefreshIntervalSeconds">Null: the default (add) or unchanged (edit).</param>
public sealed record InstanceFormValues(
    string Id,
    string Kind,
    string? DisplayName,
    IReadOnlyDictionary<string, string?> Settings,
    int? RefreshIntervalSeconds);

/// <summary>The answer to "check token": who the token is and what it may do, or why the provider refused it.</summary>
public sealed record TokenCheckResult(CredentialCheck? Check, string? Refusal, int? UpstreamStatusCode)
{
    public bool Valid => Check is not null;
}
