using System.Collections.Concurrent;
using FlowForge.Core.Access;

namespace FlowForge.Web.Tests.Settings.Fakes;

internal sealed class InMemoryApiKeyStore : IApiKeyStore
{
    private readonly ConcurrentDictionary<string, StoredApiKey> _keys = new(StringComparer.Ordinal);

    public IEnumerable<StoredApiKey> Stored => _keys.Values;

    public Task<bool> AddAsync(ApiKey key, byte[] secretHash, CancellationToken cancellationToken) =>
        Task.FromResult(_keys.TryAdd(key.Id, new StoredApiKey(key, secretHash)));

    public Task<StoredApiKey?> FindAsync(string id, CancellationToken cancellationToken) => Task.FromResult(_keys.GetValueOrDefault(id));

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ApiKey>>([.. _keys.Values.Select(stored => stored.Key).OrderByDescending(key => key.CreatedAt).ThenBy(key => key.Id, StringComparer.Ordinal)]);

    public Task<ApiKey?> RevokeAsync(string id, DateTimeOffset at, string by, CancellationToken cancellationToken)
    {
        if (!_keys.TryGetValue(id, out var stored))
        {
            return Task.FromResult<ApiKey?>(null);
        }

        var key = stored.Key.IsRevoked ? stored.Key : stored.Key with { RevokedAt = at, RevokedBy = by };
        _keys[id] = stored with { Key = key };
        return Task.FromResult<ApiKey?>(key);
    }

    public Task TouchAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue(id, out var stored))
        {
            _keys[id] = stored with { Key = stored.Key with { LastUsedAt = at } };
        }

        return Task.CompletedTask;
    }
}
