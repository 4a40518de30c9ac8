using FlowForge.Abstractions.Domain;

namespace FlowForge.Core.Instances;

/// <summary>A new instance as a user describes it. Secret fields carry the secret (or an <c>env:NAME</c> reference).</summary>
public sealed record InstanceDraft(
    string Id,
    string Kind,
    string? DisplayName,
    IReadOnlyDictionary<string, string?> Settings,
    TimeSpan? RefreshInterval,
    WatchSelection? Watch);

/// <summary>
/// Changes to an instance: null leaves a part as it is. In <see cref="Settings"/>, a listed field is replaced,
/// an empty value clears it, and a secret field that is listed is rotated.
/// </summary>
public sealed record InstanceChanges(
    string? DisplayName,
    IReadOnlyDictionary<string, string?>? Settings,
    TimeSpan? RefreshInterval,
    WatchSelection? Watch);
