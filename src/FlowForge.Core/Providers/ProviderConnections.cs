using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Core.Secrets;

namespace FlowForge.Core.Providers;

/// <summary>
/// One live connection per instance, rebuilt when the instance's configuration changes. Keeping the
/// connection keeps its conditional-request cache, which is what makes an idle poll cost nothing.
/// </summary>
public sealed class ProviderConnections(ProviderRegistry registry, SecretResolver secrets, RateLimitBudgets budgets)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Version, IProviderConnection Connection, string BudgetKey)> _connections = new(StringComparer.Ordinal);

    /// <summary>
    /// The rate-limit budget the instance draws on, once it has connected: one per provider kind, base URL and
    /// credential, so instances sharing a token share its budget. Derived by hashing; it reveals no secret.
    /// </summary>
    public string? BudgetKeyOf(string instanceId) => _connections.TryGetValue(instanceId, out var entry) ? entry.BudgetKey : null;

    public async Task<IProviderConnection> GetAsync(ProviderInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (_connections.TryGetValue(instance.Id, out var existing) && existing.Version == instance.UpdatedAt)
        {
            return existing.Connection;
        }

        var (connection, budgetKey) = await ConnectAsync(instance, cancellationToken);
        _connections[instance.Id] = (instance.UpdatedAt, connection, budgetKey);
        return connection;
    }

    public void Evict(string instanceId) => _connections.TryRemove(instanceId, out _);

    private async Task<(IProviderConnection Connection, string BudgetKey)> ConnectAsync(ProviderInstance instance, CancellationToken cancellationToken)
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

        var budgetKey = BudgetKey(plugin.Descriptor, settings, resolved);
        return (plugin.Connect(new ProviderConnectionContext(instance.Id, settings, resolved, budgets.ObserverFor(budgetKey))), budgetKey);
    }

    /// <remarks>
    /// The budget belongs to the credential at the endpoint: the base URL and the required secret fields (the
    /// token); other settings (which owners to watch) and optional secrets (a webhook secret) do not change it.
    /// </remarks>
    private static string BudgetKey(ProviderDescriptor descriptor, Dictionary<string, string> settings, Dictionary<string, SecretValue> secrets)
    {
        var identity = new StringBuilder(descriptor.Kind);
        identity.Append('\n').Append(settings.GetValueOrDefault("baseUrl"));
        foreach (var field in descriptor.Fields.Where(field => field.Secret && field.Required))
        {
            identity.Append('\n').Append(field.Key).Append('=').Append(secrets.GetValueOrDefault(field.Key)?.Reveal());
        }

        return $"{descriptor.Kind}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToString())))[..16]}";
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
            throw new ProviderException(
                ProviderErrorKind.Misconfigured, $"{field.Label} for instance '{instance.Id}' is unavailable: {secrets.DescribeMissing(reference)}.");
        }

        return value;
    }
}
