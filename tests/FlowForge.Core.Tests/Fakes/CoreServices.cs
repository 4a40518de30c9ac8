using FlowForge.Core.Instances;
using FlowForge.Core.Providers;
using FlowForge.Core.Secrets;
using FlowForge.Secrets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Core.Tests.Fakes;

/// <summary>The instance service wired to real secret stores and an in-memory repository.</summary>
internal sealed class CoreServices
{
    public CoreServices()
    {
        Registry = new ProviderRegistry([Plugin]);
        Secrets = new SecretResolver([Memory, new EnvironmentSecretStore()], Options.Create(new SecretsOptions()));
        Connections = new ProviderConnections(Registry, Secrets, RateLimits);
        Instances = new InstanceService(Repository, Registry, Secrets, Connections, RateLimits, Time, NullLogger<InstanceService>.Instance);
    }

    public DescriptorOnlyPlugin Plugin { get; } = new();

    public InMemorySecretStore Memory { get; } = new();

    public InMemoryInstanceRepository Repository { get; } = new();

    public InstanceRateLimits RateLimits { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    public ProviderRegistry Registry { get; }

    public SecretResolver Secrets { get; }

    public ProviderConnections Connections { get; }

    public InstanceService Instances { get; }
}
