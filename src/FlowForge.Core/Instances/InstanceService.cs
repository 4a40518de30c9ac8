using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Errors;
using FlowForge.Core.Persistence;
using FlowForge.Core.Providers;
using FlowForge.Core.Secrets;
using FlowForge.Core.Sync;
using Microsoft.Extensions.Logging;

namespace FlowForge.Core.Instances;

/// <summary>
/// Adds, changes and removes provider instances. Secrets entered with an instance go to the secret store
/// and only their references are kept; nothing is stored when any value is invalid.
/// </summary>
public sealed class InstanceService(
    IInstanceRepository instances,
    ProviderRegistry registry,
    SecretResolver secrets,
    ProviderConnections connections,
    SyncStates syncStates,
    IEnumerable<IInstanceMemory> memories,
    TimeProvider time,
    ILogger<InstanceService> logger)
{
    public async Task<ProviderInstance> AddAsync(InstanceDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        InstanceRules.CheckId(draft.Id, errors);
        InstanceRules.CheckDisplayName(draft.DisplayName, errors);
        InstanceRules.CheckRefresh(draft.RefreshInterval, errors);
        InstanceRules.CheckWatch(draft.Watch, errors);
        var plugin = registry.Find(draft.Kind ?? string.Empty);
        if (plugin is null)
        {
            InstanceRules.Add(errors, "kind", $"Unknown provider kind '{draft.Kind}'. Known kinds: {string.Join(", ", registry.Descriptors.Select(d => d.Kind))}.");
        }
        else
        {
            InstanceRules.CheckSettings(plugin.Descriptor, draft.Settings ?? new Dictionary<string, string?>(), new HashSet<string>(), errors);
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(InstanceRules.Freeze(errors));
        }

        if (await instances.FindAsync(draft.Id, cancellationToken) is not null)
        {
            throw new ConflictException($"An instance with id '{draft.Id}' already exists.");
        }

        var descriptor = plugin!.Descriptor;
        var now = time.GetUtcNow();
        var (settings, references, changedAt) = await SplitSettingsAsync(
            draft.Id, descriptor, draft.Settings!, new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, DateTimeOffset>(), now, cancellationToken);
        var instance = new ProviderInstance(
            draft.Id,
            draft.Kind!,
            draft.DisplayName ?? $"{descriptor.DisplayName} ({draft.Id})",
            settings,
            references,
            draft.RefreshInterval ?? InstanceRules.DefaultRefresh,
            draft.Watch ?? WatchSelection.Everything,
            now,
            now)
        {
            SecretsChangedAt = changedAt,
        };

        if (!await instances.AddAsync(instance, cancellationToken))
        {
            await DeleteSecretsAsync(references.Values, cancellationToken);
            throw new ConflictException($"An instance with id '{draft.Id}' already exists.");
        }

        logger.LogInformation("Added {Kind} instance {InstanceId}", instance.Kind, instance.Id);
        return instance;
    }

    public async Task<ProviderInstance> UpdateAsync(string id, InstanceChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var current = await instances.FindAsync(id, cancellationToken) ?? throw new NotFoundException($"No instance '{id}'.");
        var descriptor = registry.Find(current.Kind)?.Descriptor
            ?? throw new ConflictException($"The provider kind '{current.Kind}' of instance '{id}' is not installed.");

        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        InstanceRules.CheckDisplayName(changes.DisplayName, errors);
        InstanceRules.CheckRefresh(changes.RefreshInterval, errors);
        InstanceRules.CheckWatch(changes.Watch, errors);
        var given = changes.Settings ?? new Dictionary<string, string?>();
        var existingKeys = current.Settings.Keys.Concat(current.SecretReferences.Keys).ToHashSet(StringComparer.Ordinal);
        InstanceRules.CheckSettings(descriptor, given, existingKeys, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(InstanceRules.Freeze(errors));
        }

        var now = time.GetUtcNow();
        var (settings, references, changedAt) = await SplitSettingsAsync(
            id, descriptor, given, current.Settings, current.SecretReferences, current.SecretsChangedAt, now, cancellationToken);
        var updated = current with
        {
            DisplayName = changes.DisplayName ?? current.DisplayName,
            Settings = settings,
            SecretReferences = references,
            SecretsChangedAt = changedAt,
            RefreshInterval = changes.RefreshInterval ?? current.RefreshInterval,
            Watch = changes.Watch ?? current.Watch,
            UpdatedAt = Later(now, current.UpdatedAt),
        };

        if (!await instances.UpdateAsync(updated, cancellationToken))
        {
            await DeleteSecretsAsync(references.Values.Except(current.SecretReferences.Values), cancellationToken);
            throw new NotFoundException($"No instance '{id}'.");
        }

        await DeleteSecretsAsync(current.SecretReferences.Values.Except(references.Values), cancellationToken);
        connections.Evict(id);
        logger.LogInformation("Updated instance {InstanceId}", id);
        return updated;
    }

    public async Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        var current = await instances.FindAsync(id, cancellationToken) ?? throw new NotFoundException($"No instance '{id}'.");
        if (!await instances.RemoveAsync(id, cancellationToken))
        {
            throw new NotFoundException($"No instance '{id}'.");
        }

        await DeleteSecretsAsync(current.SecretReferences.Values, cancellationToken);
        connections.Evict(id);
        syncStates.Forget(id);
        foreach (var memory in memories)
        {
            memory.Forget(id);
        }
        logger.LogInformation("Removed instance {InstanceId}", id);
    }

    /// <summary>Checks the instance's credentials against the provider, without storing anything.</summary>
    public async Task<CredentialCheck> ValidateCredentialsAsync(string id, CancellationToken cancellationToken)
    {
        var instance = await instances.FindAsync(id, cancellationToken) ?? throw new NotFoundException($"No instance '{id}'.");
        var connection = await connections.GetAsync(instance, cancellationToken);
        return connection is ICredentialValidator validator
            ? await validator.ValidateCredentialsAsync(cancellationToken)
            : throw new ProviderException(ProviderErrorKind.NotSupported, $"The {instance.Kind} provider cannot check credentials.");
    }

    /// <summary>What the instance's token can see, for choosing what to watch.</summary>
    public async Task<IReadOnlyList<WatchableSource>> ListSourcesAsync(string id, CancellationToken cancellationToken)
    {
        var instance = await instances.FindAsync(id, cancellationToken) ?? throw new NotFoundException($"No instance '{id}'.");
        var connection = await connections.GetAsync(instance, cancellationToken);
        return connection is ISourceDiscovery discovery
            ? await discovery.ListSourcesAsync(cancellationToken)
            : throw new ProviderException(ProviderErrorKind.NotSupported, $"The {instance.Kind} provider cannot list sources.");
    }

    private async Task<(Dictionary<string, string> Settings, Dictionary<string, string> References, Dictionary<string, DateTimeOffset> ChangedAt)> SplitSettingsAsync(
        string id,
        ProviderDescriptor descriptor,
        IReadOnlyDictionary<string, string?> given,
        IReadOnlyDictionary<string, string> currentSettings,
        IReadOnlyDictionary<string, string> currentReferences,
        IReadOnlyDictionary<string, DateTimeOffset> currentChangedAt,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(currentSettings, StringComparer.Ordinal);
        var references = new Dictionary<string, string>(currentReferences, StringComparer.Ordinal);
        var changedAt = new Dictionary<string, DateTimeOffset>(currentChangedAt, StringComparer.Ordinal);
        foreach (var (key, value) in given)
        {
            var field = descriptor.FindField(key)!;
            var target = field.Secret ? references : settings;
            if (string.IsNullOrWhiteSpace(value))
            {
                target.Remove(key);
                changedAt.Remove(key);
            }
            else if (field.Secret)
            {
                // A fresh key per write: rotating never overwrites a secret another instance might still point to.
                SecretReference reference;
                try
                {
                    reference = await secrets.StoreAsync($"{id}/{Guid.NewGuid():N}", key, value, cancellationToken);
                }
                catch (Exception) when (references.Values.Except(currentReferences.Values).ToList() is { Count: > 0 } written)
                {
                    // The change fails as a whole, so the secrets it already wrote must not outlive it.
                    await DeleteSecretsAsync(written, CancellationToken.None);
                    throw;
                }

                references[key] = reference.ToString();
                changedAt[key] = now;
            }
            else
            {
                settings[key] = value.Trim();
            }
        }

        return (settings, references, changedAt);
    }

    private async Task DeleteSecretsAsync(IEnumerable<string> references, CancellationToken cancellationToken)
    {
        foreach (var text in references)
        {
            if (SecretReference.TryParse(text, out var reference))
            {
                await secrets.DeleteAsync(reference, cancellationToken);
            }
        }
    }

    // The connection cache keys on UpdatedAt (stored in milliseconds), so an update must move it forward
    // even within one millisecond.
    private static DateTimeOffset Later(DateTimeOffset now, DateTimeOffset previous) =>
        now.ToUnixTimeMilliseconds() > previous.ToUnixTimeMilliseconds() ? now : previous.AddMilliseconds(1);
}
