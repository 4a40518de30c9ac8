using FlowForge.Abstractions.Secrets;

namespace FlowForge.Core.Secrets;

/// <summary>
/// One place secrets live: the OS keyring, the encrypted vault file, the environment, process memory. A store answers
/// for one reference scheme: <c>env:GITHUB_TOKEN</c> is the key <c>GITHUB_TOKEN</c> of the <c>env</c> store.
/// </summary>
/// <remarks>
/// A store that cannot be reached (no Secret Service on the session bus, no vault password) throws
/// <see cref="SecretStoreUnavailableException"/> from every operation; it never falls back to anything else.
/// </remarks>
public interface ISecretStore
{
    string Scheme { get; }

    /// <summary>False for stores FlowForge can only read from (the environment).</summary>
    bool IsWritable { get; }

    Task<SecretValue?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the secret under <paramref name="key"/>.</summary>
    Task WriteAsync(string key, SecretValue value, CancellationToken cancellationToken);

    /// <summary>Forgets the secret; nothing happens when there is none.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the store can be used here, in words for the start-up log. Throws instead when the store is set up
    /// but broken (a vault that the configured password does not open), since that must stop FlowForge.
    /// </summary>
    Task<SecretStoreStatus> CheckAsync(CancellationToken cancellationToken) =>
        Task.FromResult(SecretStoreStatus.Ready($"the '{Scheme}' store is always there"));
}

/// <param name="Description">Why the store can or cannot be used; never a secret.</param>
public sealed record SecretStoreStatus(bool IsAvailable, string Description)
{
    public static SecretStoreStatus Ready(string description) => new(true, description);

    public static SecretStoreStatus Unavailable(string description) => new(false, description);
}
