using System.Collections.Concurrent;
using FlowForge.Abstractions.Domain;
using FlowForge.Core.Persistence;

namespace FlowForge.Core.Tests.Fakes;

/// <summary>An instance repository in a dictionary, for testing the rules above storage.</summary>
internal sealed class InMemoryInstanceRepository : IInstanceRepository
{
    private readonly ConcurrentDictionary<string, ProviderInstance> _instances = new();
    private readonly ConcurrentDictionary<string, InstanceHealth> _health = new();

    public int Count => _instances.Count;

    public Task<IReadOnlyList<ProviderInstance>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ProviderInstance>>([.. _instances.Values.OrderBy(i => i.Id, StringComparer.Ordinal)]);

    public Task<ProviderInstance?> FindAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_instances.GetValueOrDefault(id));

    public Task<bool> AddAsync(ProviderInstance instance, CancellationToken cancellationToken) =>
        Task.FromResult(_instances.TryAdd(instance.Id, instance));

    public Task<bool> UpdateAsync(ProviderInstance instance, CancellationToken cancellationToken)
    {
        if (!_instances.ContainsKey(instance.Id))
        {
            return Task.FromResult(false);
        }

        _instances[instance.Id] = instance;
        return Task.FromResult(true);
    }

    public Task<bool> RemoveAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_instances.TryRemove(id, out _));

    public Task<InstanceHealth> GetHealthAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_health.GetValueOrDefault(id, InstanceHealth.NotSynced));

    public Task SaveHealthAsync(string id, InstanceHealth health, CancellationToken cancellationToken)
    {
        _health[id] = health;
        return Task.CompletedTask;
    }
}
