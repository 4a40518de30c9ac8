using System.Text.RegularExpressions;
using FlowForge.Abstractions.Secrets;
using Microsoft.Extensions.Options;

namespace FlowForge.Core.Secrets;

/// <summary>
/// Routes secret references to their store, and decides where a newly entered secret goes: a value written
/// as <c>env:NAME</c> stays a reference to the environment; any other value goes to the default writable store.
/// </summary>
public sealed partial class SecretResolver
{
    private readonly Dictionary<string, ISecretStore> _stores;
    private readonly ISecretStore _default;

    public SecretResolver(IEnumerable<ISecretStore> stores, IOptions<SecretsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _stores = stores.ToDictionary(store => store.Scheme, StringComparer.OrdinalIgnoreCase);
        if (!_stores.TryGetValue(options.Value.DefaultStore, out var defaultStore) || !defaultStore.IsWritable)
        {
            throw new InvalidOperationException(
                $"The default secret store '{options.Value.DefaultStore}' is not a writable store. Known stores: {string.Join(", ", _stores.Keys)}.");
        }

        _default = defaultStore;
    }

    public string DefaultStore => _default.Scheme;

    /// <summary>Whether the text a user entered is a reference to an environment variable rather than a secret.</summary>
    public static bool IsEnvironmentReference(string input) => EnvironmentReferencePattern().IsMatch(input);

    /// <summary>Stores a secret entered for an instance's field and returns the reference to keep.</summary>
    public async Task<SecretReference> StoreAsync(string instanceId, string field, string input, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        if (IsEnvironmentReference(input))
        {
            return SecretReference.TryParse(input, out var reference)
                ? reference
                : throw new ArgumentException("Invalid environment reference.", nameof(input));
        }

        var key = $"instances/{instanceId}/{field}";
        await _default.WriteAsync(key, new SecretValue(input), cancellationToken);
        return new SecretReference(_default.Scheme, key);
    }

    public async Task<SecretValue?> ResolveAsync(SecretReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return _stores.TryGetValue(reference.Scheme, out var store)
            ? await store.ReadAsync(reference.Key, cancellationToken)
            : null;
    }

    /// <summary>Forgets a secret FlowForge stored; references to stores FlowForge only reads are left alone.</summary>
    public async Task DeleteAsync(SecretReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (_stores.TryGetValue(reference.Scheme, out var store) && store.IsWritable)
        {
            await store.DeleteAsync(reference.Key, cancellationToken);
        }
    }

    [GeneratedRegex("^env:[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentReferencePattern();
}
