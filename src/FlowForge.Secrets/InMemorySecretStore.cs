using System.Collections.Concurrent;
using FlowForge.Abstractions.Secrets;
using FlowForge.Core.Secrets;

namespace FlowForge.Secrets;

/// <summary>
/// Keeps secrets in process memory only: nothing reaches disk, and everything is gone after a restart.
/// The minimal writable store until the OS keyring and the encrypted vault exist.
/// </summary>
public sealed class InMemorySecretStore : ISecretStore
{
    private readonly ConcurrentDictionary<string, SecretValue> _secrets = new(StringComparer.Ordinal);

    public string Scheme => "memory";

    public bool IsWritable => true;

    public Task<SecretValue?> ReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_secrets.GetValueOrDefault(key));

    public Task WriteAsync(string key, SecretValue value, CancellationToken cancellationToken)
    {
        _secrets[key] = value;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        _secrets.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
