using System.Collections.Concurrent;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Core.Secrets;

namespace FlowForge.Core.Providers;

/// <summary>
/// One live connection per instance, rebuilt when the instance's configuration changes. Keeping the
/// connection keeps its conditional-request cache, which is what makes an idle poll cost nothing.
/// </summary>
public sealed class ProviderConnections(ProviderRegistry registry, SecretResolver secrets, InstanceRateLimits rateLimits)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Version, IProviderConnection Connection)> _connections = new(StringComparer.Ordinal);

    public async Task<IProviderConnection> GetAsync(ProviderInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (_connections.TryGetValue(instance.Id, out var existing) && existing.Version == instance.UpdatedAt)
        {
            return existing.Connection;
        }

        var connection = await ConnectAsync(instance, cancellationToken);
        _connections[instance.Id] = (instance.UpdatedAt, connection);
        return connection;
    }

    public void Evict(string instanceId) => _connections.TryRemove(instanceId, out _);

    private async Task<IProviderConnection> ConnectAsync(ProviderInstance instance, CancellationToken cancellationToken)
    {
        var plugin = registry.Find(instance.Kind)
            ?? throw new ProviderException(ProviderErrorKind.Misconfigured, $"No provider plugin for kind '{instance.Kind}' is installed.");

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var resolved = new Dictionary<string, SecretValue>(StringComparer.Ordinal);
        foreach (var field in plugin.Descriptor.Fields)
        {
            if (field.Secret)
            {
                var value = await ResolveSecretAsync(instance, field, cancellationToken);
                if (value is not null)
                {
                    resolved[field.Key] = value;
                }
            }
            else if (instance.Settings.TryGetValue(field.Key, out var setting) && !string.IsNullOrWhiteSpace(setting))
            {
                settings[field.Key] = setting;
            }
            else if (field.DefaultValue is not null)
            {
                settings[field.Key] = field.DefaultValue;
            }
        }

        return plugin.Connect(new ProviderConnectionContext(instance.Id, settings, resolved, rateLimits.ObserverFor(instance.Id)));
    }

    private async Task<SecretValue?> ResolveSecretAsync(ProviderInstance instance, ConfigField field, CancellationToken cancellationToken)
    {
        if (!instance.SecretReferences.TryGetValue(field.Key, out var text) || !SecretReference.TryParse(text, out var reference))
        {
            return field.Required
                ? throw new ProviderException(ProviderErrorKind.Misconfigured, $"{field.Label} is not set for instance '{instance.Id}'.")
                : null;
        }

        var value = await secrets.ResolveAsync(reference, cancellationToken);
        if (value is null && field.Required)
        {
            var hint = reference.Scheme == "env"
                ? $"the environment variable {reference.Key} is not set"
                : $"the '{reference.Scheme}' secret store does not hold it (the in-memory store forgets everything on restart); set it again";
            throw new ProviderException(ProviderErrorKind.Misconfigured, $"{field.Label} for instance '{instance.Id}' is unavailable: {hint}.");
        }

        return value;
    }
}
