using FlowForge.Abstractions.Secrets;

namespace FlowForge.Core.Secrets;

/// <summary>
/// One place secrets live (process memory, the environment; later the OS keyring and an encrypted vault).
/// A store answers for one reference scheme: <c>env:GITHUB_TOKEN</c> is the key <c>GITHUB_TOKEN</c> of the
/// <c>env</c> store.
/// </summary>
public interface ISecretStore
{
    string Scheme { get; }

    /// <summary>False for stores FlowForge can only read from (the environment).</summary>
    bool IsWritable { get; }

    Task<SecretValue?> ReadAsync(string key, CancellationToken cancellationToken);

    Task WriteAsync(string key, SecretValue value, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
