using System.Collections.Concurrent;
using FlowForge.Abstractions.Domain;
using FlowForge.Core.Persistence;

namespace FlowForge.Web.Tests.Settings.Fakes;

/// <summary>Instances and their health in dictionaries.</summary>
internal sealed class InMemoryInstanceRepository : IInstanceRepository
{
    private readonly ConcurrentDictionary<string, ProviderInstance> _instances = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InstanceHealth> _health = new(StringComparer.Ordinal);

    public ProviderInstance? this[string id] => _instances.GetValueOrDefault(id);

    public Task<IReadOnlyList<ProviderInstance>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ProviderInstance>>([.. _instances.Values.OrderBy(instance => instance.Id, StringComparer.Ordinal)]);

    public Task<ProviderInstance?> FindAsync(string id, CancellationToken cancellationToken) => Task.FromResult(_instances.GetValueOrDefault(id));

    public Task<bool> AddAsync(ProviderInstance instance, CancellationToken cancellationToken) => Task.FromResult(_instances.TryAdd(instance.Id, instance));

    public Task<bool> UpdateAsync(ProviderInstance instance, CancellationToken cancellationToken)
    {
        if (!_instances.ContainsKey(instance.Id))
        {
            return Task.FromResult(false);
        }

        _instances[instance.Id] = instance;
        return Task.FromResult(true);
    }

    public Task<bool> RemoveAsync(string id, CancellationToken cancellationToken) => Task.FromResult(_instances.TryRemove(id, out _));

    public Task<InstanceHealth> GetHealthAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_health.GetValueOrDefault(id, InstanceHealth.NotSynced));

    public Task SaveHealthAsync(string id, InstanceHealth health, CancellationToken cancellationToken)
    {
        _health[id] = health;
        return Task.CompletedTask;
    }
}
