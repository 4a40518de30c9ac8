using System.Collections.Concurrent;
using FlowForge.Abstractions.Secrets;
using FlowForge.Core.Secrets;

namespace FlowForge.Web.Tests.Settings.Fakes;

/// <summary>The writable "memory" store, with its contents open to assertions.</summary>
internal sealed class InMemorySecretStore : ISecretStore
{
    public ConcurrentDictionary<string, SecretValue> Values { get; } = new(StringComparer.Ordinal);

    public string Scheme => "memory";

    public bool IsWritable => true;

    public Task<SecretValue?> ReadAsync(string key, CancellationToken cancellationToken) => Task.FromResult(Values.GetValueOrDefault(key));

    public Task WriteAsync(string key, SecretValue value, CancellationToken cancellationToken)
    {
        Values[key] = value;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        Values.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
