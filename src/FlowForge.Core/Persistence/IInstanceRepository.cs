using FlowForge.Abstractions.Domain;

namespace FlowForge.Core.Persistence;

/// <summary>Provider instances and their health, as stored.</summary>
public interface IInstanceRepository
{
    Task<IReadOnlyList<ProviderInstance>> ListAsync(CancellationToken cancellationToken);

    Task<ProviderInstance?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Adds an instance; false when one with the same id exists (nothing changes then).</summary>
    Task<bool> AddAsync(ProviderInstance instance, CancellationToken cancellationToken);

    /// <summary>Replaces an instance's configuration; false when it does not exist.</summary>
    Task<bool> UpdateAsync(ProviderInstance instance, CancellationToken cancellationToken);

    /// <summary>Removes an instance with its pipelines, runs, jobs and logs; false when it does not exist.</summary>
    Task<bool> RemoveAsync(string id, CancellationToken cancellationToken);

    Task<InstanceHealth> GetHealthAsync(string id, CancellationToken cancellationToken);

    Task SaveHealthAsync(string id, InstanceHealth health, CancellationToken cancellationToken);
}
