using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Secrets;
using FlowForge.Core.Access;
using FlowForge.Core.Events;
using FlowForge.Core.Operations;
using FlowForge.Core.Persistence;
using FlowForge.Core.Pipelines;
using FlowForge.Core.Providers;
using FlowForge.Core.Secrets;
using FlowForge.Core.Sync;
using FlowForge.Web.Actions;
using FlowForge.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Web.Tests.Fakes;

/// <summary>
/// The dashboard's services as the server wires them (run operations, job logs, live events, the action audit) over
/// in-memory storage and a scripted provider: instance <c>acme</c> can do everything, instance <c>plain</c> only reads.
/// </summary>
public abstract class DashboardContext : BunitContext
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    public static readonly PipelineKey Deploy = new("acme", "deploy");
    public static readonly PipelineKey Plain = new("plain", "build");

    public static readonly Pipeline DeployPipeline =
        new(Deploy, "Deploy", "acme/api", "main", new Uri("https://ci.example/acme/api/deploy"), "deploy.yml", Pipeline.NoExtras);

    protected DashboardContext()
    {
        Provider = new FakeProvider(Store);
        var registry = new ProviderRegistry([Provider.FullPlugin, FakeProvider.ReadOnlyPlugin(Store)]);
        var secrets = new SecretResolver([new NoSecrets()], Options.Create(new SecretsOptions()));
        var connections = new ProviderConnections(registry, secrets, new RateLimitBudgets(Options.Create(new SyncOptions()), Time));
        var bus = new InProcessEventBus(Options.Create(new EventOptions()), Time, NullLogger<InProcessEventBus>.Instance);
        Bus = bus;
        Instances.Add(Instance("acme", FakeProvider.FullKind));
        Instances.Add(Instance("plain", FakeProvider.ReadOnlyKind));
        Store.Add(DeployPipeline);
        Store.Add(new Pipeline(Plain, "Build", "plain/app", "main", null, null, Pipeline.NoExtras));

        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton<IPipelineReader>(Store);
        Services.AddSingleton<ISyncStore>(Store);
        Services.AddSingleton<IInstanceRepository>(Instances);
        Services.AddSingleton(registry);
        Services.AddSingleton(connections);
        Services.AddSingleton<IEventBus>(bus);
        Services.AddSingleton(new RunOperations(Store, Instances, Store, connections, bus, new NoActivity(), Time));
        Services.AddSingleton(new JobLogService(Store, Instances, connections));
        Services.AddSingleton(new LiveEvents(bus));
        Services.AddSingleton(new ActionAudit(Audit, Time, NullLogger<ActionAudit>.Instance));
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        JSInterop.Mode = JSRuntimeMode.Loose;

        // Before anything resolves a service: bUnit takes no registrations after that.
        Authorization = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    internal FakeTimeProvider Time { get; } = new(T0);

    internal InMemoryStore Store { get; } = new();

    internal InMemoryInstances Instances { get; } = new();

    internal FakeProvider Provider { get; }

    internal RecordingAuditLog Audit { get; } = new();

    internal IEventBus Bus { get; }

    internal BunitAuthorizationContext Authorization { get; }

    /// <summary>Signs the test user in with a role, for every instance.</summary>
    protected void SignIn(AccessRole role, string name = "ada")
    {
        Authorization.SetAuthorized(name);
        Authorization.SetClaims(new Claim(AccessClaims.Role, role.Name()), new Claim(AccessClaims.AllInstances, "true"));
    }

    protected static ClaimsPrincipal User(AccessRole role, string name = "ada") =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(AccessClaims.Role, role.Name()), new Claim(AccessClaims.AllInstances, "true")],
            "test",
            ClaimTypes.Name,
            ClaimTypes.Role));

    protected static Run NewRun(
        PipelineKey pipeline,
        string id,
        long number,
        RunStatus status = RunStatus.Succeeded,
        TimeSpan? age = null,
        TimeSpan? duration = null,
        string branch = "main",
        string actor = "ada")
    {
        var created = T0 - (age ?? TimeSpan.FromMinutes(10));
        var started = status is RunStatus.Queued or RunStatus.Waiting ? (DateTimeOffset?)null : created.AddSeconds(5);
        var finished = status.IsFinished() ? started?.Add(duration ?? TimeSpan.FromMinutes(2)) : null;
        return new Run(
            pipeline, id, number, 1, status, status.ToString().ToLowerInvariant(), $"Run {number}", "push", actor, branch,
            new CommitInfo("0123456789abcdef", "Fix the thing\n\nLonger text.", "Ada", "ada@example.com"),
            created, started, finished, finished ?? started ?? created, new Uri($"https://ci.example/runs/{id}"), Run.NoParameters);
    }

    protected static Job NewJob(string id, string name, RunStatus status, params Step[] steps) =>
        new(id, name, status, status.ToString().ToLowerInvariant(), null, "runner-1", T0.AddMinutes(-9),
            status.IsFinished() ? T0.AddMinutes(-8) : null, new Uri($"https://ci.example/jobs/{id}"), steps);

    private static ProviderInstance Instance(string id, string kind) =>
        new(id, kind, id, new Dictionary<string, string>(), new Dictionary<string, string>(), TimeSpan.FromMinutes(1), WatchSelection.Everything, T0, T0);

    private sealed class NoActivity : IActivitySignal
    {
        public void PipelineActive(PipelineKey pipeline)
        {
        }
    }

    /// <summary>The default writable store the resolver insists on; the fake providers need no secrets.</summary>
    private sealed class NoSecrets : ISecretStore
    {
        public string Scheme => "memory";

        public bool IsWritable => true;

        public Task<SecretValue?> ReadAsync(string key, CancellationToken cancellationToken) => Task.FromResult<SecretValue?>(null);

        public Task WriteAsync(string key, SecretValue value, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
