using FlowForge.Core.Instances;
using FlowForge.Core.Providers;
using FlowForge.Core.Secrets;
using FlowForge.Core.Sync;
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
        Secrets = new SecretResolver([Memory, new EnvironmentSecretStore()], Options.Create(new SecretsOptions { DefaultStore = "memory" }));
        var sync = Options.Create(new SyncOptions());
        Budgets = new RateLimitBudgets(sync, Time);
        States = new SyncStates(sync, Time);
        Connections = new ProviderConnections(Registry, Secrets, Budgets);
        Instances = new InstanceService(Repository, Registry, Secrets, Connections, States, [], Time, NullLogger<InstanceService>.Instance);
    }

    public DescriptorOnlyPlugin Plugin { get; } = new();

    public InMemorySecretStore Memory { get; } = new();

    public InMemoryInstanceRepository Repository { get; } = new();

    public RateLimitBudgets Budgets { get; }

    public SyncStates States { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    public ProviderRegistry Registry { get; }

    public SecretResolver Secrets { get; }

    public ProviderConnections Connections { get; }

    public InstanceService Instances { get; }
}
