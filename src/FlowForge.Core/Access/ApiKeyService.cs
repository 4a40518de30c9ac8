using System.Collections.Concurrent;
using System.Security.Cryptography;
using FlowForge.Core.Errors;
using FlowForge.Core.Instances;
using Microsoft.Extensions.Logging;

namespace FlowForge.Core.Access;

/// <summary>Creates, checks, lists and revokes API keys. The full key exists only in the answer to its creation.</summary>
public sealed partial class ApiKeyService(IApiKeyStore store, TimeProvider time, ILogger<ApiKeyService> logger)
{
    public const int DefaultLifetimeDays = 90;
    public const int MaxLifetimeDays = 730;
    private const int MaxNameLength = 100;
    private const int MaxInstances = 100;
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _touched = new(StringComparer.Ordinal);

    public async Task<CreatedApiKey> CreateAsync(ApiKeyDraft draft, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        var (name, role, lifetime, instances) = Validate(draft);
        var now = time.GetUtcNow();

        // Twelve characters of 36 make a clash vanishingly rare; a few attempts make it impossible in practice.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var key = new ApiKey(ApiKeyToken.NewId(), name, role, instances, now, createdBy, now.AddDays(lifetime));
            var secret = ApiKeyToken.NewSecret();
            if (await store.AddAsync(key, ApiKeyToken.Hash(secret), cancellationToken))
            {
                LogCreated(logger, key.Id, key.Name, role.Name(), createdBy);
                return new CreatedApiKey(key, ApiKeyToken.Format(key.Id, secret));
            }
        }

        throw new ConflictException("Could not find a free key id; try again.");
    }

    /// <summary>The key a bearer token stands for, when it is genuine, not revoked and not expired.</summary>
    public async Task<ApiKeyCheck> AuthenticateAsync(string? token, CancellationToken cancellationToken)
    {
        if (!ApiKeyToken.TryParse(token, out var id, out var secret))
        {
            return new ApiKeyCheck(null, ApiKeyFailure.Malformed, null);
        }

        var stored = await store.FindAsync(id, cancellationToken);
        var hash = ApiKeyToken.Hash(secret);
        if (stored is null || !CryptographicOperations.FixedTimeEquals(hash, stored.SecretHash))
        {
            return new ApiKeyCheck(null, stored is null ? ApiKeyFailure.Unknown : ApiKeyFailure.WrongSecret, id);
        }

        var now = time.GetUtcNow();
        if (stored.Key.IsRevoked)
        {
            return new ApiKeyCheck(null, ApiKeyFailure.Revoked, id);
        }

        if (stored.Key.IsExpiredAt(now))
        {
            return new ApiKeyCheck(null, ApiKeyFailure.Expired, id);
        }

        await TouchAsync(stored.Key, now, cancellationToken);
        return new ApiKeyCheck(stored.Key, null, id);
    }

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    public async Task<ApiKey> FindAsync(string id, CancellationToken cancellationToken) =>
        (await store.FindAsync(id, cancellationToken))?.Key ?? throw new NotFoundException($"No key '{id}'.");

    /// <summary>Revokes a key for good; it stays listed, for the audit trail. Revoking twice changes nothing.</summary>
    public async Task<ApiKey> RevokeAsync(string id, string revokedBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(revokedBy);
        var key = await store.RevokeAsync(id, time.GetUtcNow(), revokedBy, cancellationToken) ?? throw new NotFoundException($"No key '{id}'.");
        LogRevoked(logger, id, revokedBy);
        return key;
    }

    private async Task TouchAsync(ApiKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if ((key.LastUsedAt is { } stored && now - stored < TouchInterval)
            || (_touched.TryGetValue(key.Id, out var recent) && now - recent < TouchInterval))
        {
            return;
        }

        _touched[key.Id] = now;
        try
        {
            await store.TouchAsync(key.Id, now, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // When a key was last used is a hint for admins; failing to record it must not refuse the request.
            LogTouchFailed(logger, exception, key.Id);
        }
    }

    private static (string Name, AccessRole Role, int Lifetime, IReadOnlyList<string> Instances) Validate(ApiKeyDraft draft)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var name = draft.Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > MaxNameLength)
        {
            InstanceRules.Add(errors, "name", $"The name must be 1-{MaxNameLength} characters.");
        }

        if (!AccessRoles.TryParse(draft.Role, out var role))
        {
            InstanceRules.Add(errors, "role", "The role must be one of: viewer, operator, admin.");
        }

        var lifetime = draft.ExpiresInDays ?? DefaultLifetimeDays;
        if (lifetime is < 1 or > MaxLifetimeDays)
        {
            InstanceRules.Add(errors, "expiresInDays", $"A key expires after 1 to {MaxLifetimeDays} days.");
        }

        var instances = (draft.Instances ?? []).Select(instance => instance?.Trim() ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
        if (instances.Count > MaxInstances)
        {
            InstanceRules.Add(errors, "instances", $"A key may be limited to at most {MaxInstances} instances.");
        }

        var scratch = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (instances.Any(instance =>
            {
                scratch.Clear();
                InstanceRules.CheckId(instance, scratch);
                return scratch.Count > 0;
            }))
        {
            InstanceRules.Add(errors, "instances", "Each instance is an instance id: lower-case letters, digits and '-'.");
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(InstanceRules.Freeze(errors));
        }

        instances.Sort(StringComparer.Ordinal);
        return (name, role, lifetime, instances);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created API key {KeyId} ({Name}, {Role}) for {CreatedBy}")]
    private static partial void LogCreated(ILogger logger, string keyId, string name, string role, string createdBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revoked API key {KeyId} by {RevokedBy}")]
    private static partial void LogRevoked(ILogger logger, string keyId, string revokedBy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the use of API key {KeyId}")]
    private static partial void LogTouchFailed(ILogger logger, Exception exception, string keyId);
}

public enum ApiKeyFailure
{
    /// <summary>Not shaped like a FlowForge key.</summary>
    Malformed,
    Unknown,
    WrongSecret,
    Revoked,
    Expired,
}

/// <summary>The outcome of checking a bearer token: the key, or why not (for the log; clients are told only "not valid").</summary>
/// <param name="KeyId">The id the token named, when it was shaped like a key.</param>
public sealed record ApiKeyCheck(ApiKey? Key, ApiKeyFailure? Failure, string? KeyId);
