using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Errors;
using FlowForge.Core.Instances;
using FlowForge.Core.Persistence;
using FlowForge.Core.Providers;

namespace FlowForge.Core.Secrets;

/// <summary>
/// An instance's secrets one field at a time: what is set, where and since when (never a value); set or rotate; delete
/// an optional one. Changes go through <see cref="InstanceService"/>, so the rules, the fresh key per write and the
/// deletion of the replaced secret are the same as for a change to the whole instance.
/// </summary>
public sealed class InstanceSecrets(IInstanceRepository instances, ProviderRegistry registry, InstanceService service)
{
    public async Task<IReadOnlyList<InstanceSecretStatus>> ListAsync(string instanceId, CancellationToken cancellationToken)
    {
        var (instance, descriptor) = await FindAsync(instanceId, cancellationToken);
        return StatusesOf(instance, descriptor);
    }

    /// <summary>What <see cref="ListAsync"/> answers, for an instance already at hand (the settings page has it).</summary>
    public static IReadOnlyList<InstanceSecretStatus> StatusesOf(ProviderInstance instance, ProviderDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(descriptor);
        return [.. descriptor.Fields.Where(field => field.Secret).Select(field => StatusOf(instance, field))];
    }

    /// <summary>Sets or rotates the secret: the value goes to the default store (or stays an <c>env:NAME</c> reference).</summary>
    public async Task<InstanceSecretStatus> SetAsync(string instanceId, string field, string? value, CancellationToken cancellationToken)
    {
        var (_, descriptor) = await FindAsync(instanceId, cancellationToken);
        var secretField = SecretField(descriptor, field);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                ["value"] = [$"{secretField.Label} needs a value (the secret, or env:NAME); to remove an optional secret, DELETE it."],
            });
        }

        var updated = await service.UpdateAsync(instanceId, new InstanceChanges(null, new Dictionary<string, string?> { [field] = value }, null, null), cancellationToken);
        return StatusOf(updated, secretField);
    }

    /// <summary>Removes an optional secret (and deletes it from its store); a required one can only be replaced.</summary>
    public async Task DeleteAsync(string instanceId, string field, CancellationToken cancellationToken)
    {
        var (instance, descriptor) = await FindAsync(instanceId, cancellationToken);
        var secretField = SecretField(descriptor, field);
        if (secretField.Required)
        {
            throw new ConflictException($"{secretField.Label} is required by {descriptor.DisplayName}; replace it with PUT instead of deleting it.");
        }

        if (instance.SecretReferences.ContainsKey(field))
        {
            await service.UpdateAsync(instanceId, new InstanceChanges(null, new Dictionary<string, string?> { [field] = null }, null, null), cancellationToken);
        }
    }

    private static InstanceSecretStatus StatusOf(ProviderInstance instance, ConfigField field)
    {
        var reference = instance.SecretReferences.TryGetValue(field.Key, out var text) && SecretReference.TryParse(text, out var parsed) ? parsed : null;
        DateTimeOffset? changedAt = instance.SecretsChangedAt.TryGetValue(field.Key, out var at) ? at : null;
        return new InstanceSecretStatus(
            field.Key,
            field.Label,
            field.Required,
            reference is not null,
            reference?.Scheme,
            reference is { Scheme: "env" } ? reference.Key : null,
            reference is null ? null : changedAt);
    }

    private static ConfigField SecretField(ProviderDescriptor descriptor, string field) =>
        descriptor.FindField(field) is { Secret: true } secret
            ? secret
            : throw new NotFoundException($"{descriptor.DisplayName} has no secret field '{field}'.");

    private async Task<(ProviderInstance Instance, ProviderDescriptor Descriptor)> FindAsync(string instanceId, CancellationToken cancellationToken)
    {
        var instance = await instances.FindAsync(instanceId, cancellationToken) ?? throw new NotFoundException($"No instance '{instanceId}'.");
        var descriptor = registry.Find(instance.Kind)?.Descriptor
            ?? throw new ConflictException($"The provider kind '{instance.Kind}' of instance '{instanceId}' is not installed.");
        return (instance, descriptor);
    }
}

/// <summary>One secret field of an instance: whether it is set, where, and since when; never the value.</summary>
/// <param name="Store">The store's scheme (<c>keyring</c>, <c>vault</c>, <c>env</c>, <c>memory</c>) when set.</param>
/// <param name="Environment">The variable name, for a secret referenced as <c>env:NAME</c>.</param>
/// <param name="ChangedAt">When it was last set or rotated; unknown for secrets set before FlowForge recorded it.</param>
public sealed record InstanceSecretStatus(
    string Field, string Label, bool Required, bool IsSet, string? Store, string? Environment, DateTimeOffset? ChangedAt);
