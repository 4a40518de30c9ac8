namespace FlowForge.Storage.Entities;

/// <summary>A row of <c>api_keys</c>. Holds the SHA-256 of the key's secret, never the secret.</summary>
internal sealed class ApiKeyEntity
{
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary><c>viewer</c>, <c>operator</c> or <c>admin</c>.</summary>
    public string Role { get; set; } = string.Empty;

    /// <summary>The instance ids the key is limited to, as a JSON array; empty for all.</summary>
    public string InstancesJson { get; set; } = "[]";

    public byte[] SecretHash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
