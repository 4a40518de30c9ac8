using FlowForge.Abstractions.Secrets;
using FlowForge.Core.Secrets;

namespace FlowForge.Secrets;

/// <summary>
/// Reads secrets from environment variables (<c>env:GITHUB_TOKEN</c>), for people who inject secrets from
/// their platform. Read-only: FlowForge never sets or clears a variable.
/// </summary>
public sealed class EnvironmentSecretStore : ISecretStore
{
    public string Scheme => "env";

    public bool IsWritable => false;

    public Task<SecretValue?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var value = Environment.GetEnvironmentVariable(key);
        return Task.FromResult(string.IsNullOrEmpty(value) ? null : new SecretValue(value));
    }

    public Task WriteAsync(string key, SecretValue value, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Environment variables are read-only to FlowForge.");

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Environment variables are read-only to FlowForge.");
}
