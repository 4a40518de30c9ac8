namespace FlowForge.Core.Access;

/// <summary>An API key as stored, without its secret (which is never stored) or the secret's hash.</summary>
/// <param name="Id">The public part of the key (<c>ffk_&lt;id&gt;_…</c>), used to find it and to name it in the audit log.</param>
/// <param name="Instances">The provider instances the key is limited to; empty for all of them.</param>
/// <param name="LastUsedAt">Updated at most once a minute, so authenticating does not write on every request.</param>
public sealed record ApiKey(
    string Id,
    string Name,
    AccessRole Role,
    IReadOnlyList<string> Instances,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt = null,
    string? RevokedBy = null,
    DateTimeOffset? LastUsedAt = null)
{
    public bool IsRevoked => RevokedAt is not null;

    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;

    public bool IsUsableAt(DateTimeOffset now) => !IsRevoked && !IsExpiredAt(now);

    /// <summary><c>active</c>, <c>revoked</c> or <c>expired</c>, as the API shows it.</summary>
    public string StateAt(DateTimeOffset now) => IsRevoked ? "revoked" : IsExpiredAt(now) ? "expired" : "active";
}

/// <summary>A key with the SHA-256 of its secret, as the store hands it to authentication.</summary>
public sealed record StoredApiKey(ApiKey Key, byte[] SecretHash);

/// <summary>A key just created: the only moment its full token exists outside the client.</summary>
/// <param name="Token">The full key, <c>ffk_&lt;id&gt;_&lt;secret&gt;</c>, to show once and never again.</param>
public sealed record CreatedApiKey(ApiKey Key, string Token);

/// <summary>A key to create, as an admin describes it.</summary>
/// <param name="Role">viewer, operator or admin.</param>
/// <param name="ExpiresInDays">1 to <see cref="ApiKeyService.MaxLifetimeDays"/>; null for <see cref="ApiKeyService.DefaultLifetimeDays"/>.</param>
/// <param name="Instances">Limit the key to these instances; null or empty for all.</param>
public sealed record ApiKeyDraft(string? Name, string? Role, int? ExpiresInDays, IReadOnlyList<string>? Instances);
