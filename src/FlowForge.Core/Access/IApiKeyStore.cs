namespace FlowForge.Core.Access;

/// <summary>Where API keys live. Keys are never deleted: a revoked key stays for the audit trail.</summary>
public interface IApiKeyStore
{
    /// <returns>False when a key with this id exists already.</returns>
    Task<bool> AddAsync(ApiKey key, byte[] secretHash, CancellationToken cancellationToken);

    Task<StoredApiKey?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every key, newest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Revokes the key; a key revoked already keeps its first revocation.</summary>
    /// <returns>The key as stored afterwards; null when there is no such key.</returns>
    Task<ApiKey?> RevokeAsync(string id, DateTimeOffset at, string by, CancellationToken cancellationToken);

    /// <summary>Records that the key was used at <paramref name="at"/>.</summary>
    Task TouchAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);
}
