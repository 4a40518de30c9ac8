using FlowForge.Abstractions.Domain;
using FlowForge.Core.Persistence;

namespace FlowForge.Web.Tests.Fakes;

internal sealed class InMemoryInstances : IInstanceRepository
{
    private readonly Dictionary<string, ProviderInstance> _instances = new(StringComparer.Ordinal);

    public void Add(ProviderInstance instance) => _instances[instance.Id] = instance;

    public Task<IReadOnlyList<ProviderInstance>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ProviderInstance>>([.. _instances.Values]);

    public Task<ProviderInstance?> FindAsync(string id, CancellationToken cancellationToken) => Task.FromResult(_instances.GetValueOrDefault(id));

    public Task<bool> AddAsync(ProviderInstance instance, CancellationToken cancellationToken) => Task.FromResult(_instances.TryAdd(instance.Id, instance));

    public Task<bool> UpdateAsync(ProviderInstance instance, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> RemoveAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<InstanceHealth> GetHealthAsync(string id, CancellationToken cancellationToken) => Task.FromResult(InstanceHealth.NotSynced);

    public Task SaveHealthAsync(string id, InstanceHealth health, CancellationToken cancellationToken) => Task.CompletedTask;
}
