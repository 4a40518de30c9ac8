using System.ComponentModel;
using FlowForge.Core.Access;

namespace FlowForge.Server.Contracts;

public sealed record CreateKeyRequest(
    [property: Description("What the key is for, shown in lists and the audit log (1-100 characters).")] string? Name,
    [property: Description("viewer, operator or admin.")] string? Role,
    [property: Description("Days until the key expires, 1-730. Default 90.")] int? ExpiresInDays,
    [property: Description("Limit the key to these provider instances; omit or leave empty for all.")] List<string>? Instances);

/// <summary>A key as listed: never its secret, never the secret's hash.</summary>
/// <param name="State"><c>active</c>, <c>revoked</c> or <c>expired</c>.</param>
/// <param name="Instances">The instances the key is limited to; empty for all.</param>
public sealed record KeyResponse(
    string Id,
    string Name,
    string Role,
    IReadOnlyList<string> Instances,
    string State,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy,
    DateTimeOffset? LastUsedAt)
{
    public static KeyResponse From(ApiKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new KeyResponse(
            key.Id, key.Name, key.Role.Name(), key.Instances, key.StateAt(now), key.CreatedAt, key.CreatedBy, key.ExpiresAt, key.RevokedAt, key.RevokedBy, key.LastUsedAt);
    }
}

/// <summary>A new key, with the full key to copy now: it is shown this once and cannot be retrieved again.</summary>
/// <param name="Key">Send as <c>Authorization: Bearer &lt;key&gt;</c>.</param>
public sealed record CreatedKeyResponse(string Key, KeyResponse Details);
