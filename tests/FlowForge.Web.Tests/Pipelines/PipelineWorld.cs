using System.Security.Claims;
using Bunit;
using FlowForge.Abstractions.Domain;
using FlowForge.Core.Access;
using FlowForge.Core.Events;
using FlowForge.Core.Persistence;
using FlowForge.Core.Pipelines;
using FlowForge.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Web.Tests.Pipelines;

/// <summary>
/// The services the pipelines pages read from, over an in-memory store: the real read model, baselines and live
/// event pump over fakes of the store's two readers, so a test changes a run, bumps the version and publishes the
/// event as a sync would.
/// </summary>
internal sealed class PipelineWorld
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Now);

    public StoreVersion Version { get; } = new();

    public FakeReader Reader { get; } = new();

    public FakeInstances Instances { get; } = new();

    public InProcessEventBus Bus { get; }

    public PipelineWorld() => Bus = new InProcessEventBus(Options.Create(new EventOptions()), Time, NullLogger<InProcessEventBus>.Instance);

    /// <summary>Registers the services and a signed-in user (every instance unless <paramref name="instances"/> limit it) in the context.</summary>
    public void Install(BunitContext context, params string[] instances)
    {
        var user = context.AddAuthorization();
        user.SetAuthorized("ada");
        user.SetClaims(instances.Length == 0
            ? [new Claim(AccessClaims.AllInstances, "true")]
            : [.. instances.Select(instance => new Claim(AccessClaims.Instance, instance))]);
        context.Services.AddSingleton<TimeProvider>(Time);
        context.Services.AddSingleton<IPipelineReader>(Reader);
        context.Services.AddSingleton<IInstanceRepository>(Instances);
        context.Services.AddSingleton(Version);
        context.Services.AddSingleton<PipelineReadModel>();
        context.Services.AddSingleton<PipelineBaselines>();
        context.Services.AddSingleton<IEventBus>(Bus);
        context.Services.AddSingleton<LiveEvents>();
        context.Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public void AddInstance(string id, string name, string kind = "github") =>
        Instances.Items.Add(new ProviderInstance(id, kind, name, new Dictionary<string, string>(), new Dictionary<string, string>(), TimeSpan.FromMinutes(1), WatchSelection.Everything, Now, Now));

    /// <summary>A pipeline with a latest run (or none when <paramref name="status"/> is null).</summary>
    public PipelineKey AddPipeline(string instance, string id, string repository, string name, RunStatus? status, string branch = "main", string message = "Fix the build")
    {
        var key = new PipelineKey(instance, id);
        var pipeline = new Pipeline(key, name, repository, "main", null, null, Pipeline.NoExtras);
        Reader.Summaries[key] = new PipelineSummary(pipeline, status is { } s ? Run(key, 1, s, branch, message) : null);
        Version.Bump();
        return key;
    }

    /// <summary>What a sync does when a run changes: store it, bump the version, tell the bus.</summary>
    public async Task ChangeRunAsync(PipelineKey key, RunStatus status)
    {
        var previous = Reader.Summaries[key];
        var run = Run(key, (previous.LatestRun?.Number ?? 0) + 1, status, previous.LatestRun?.Branch ?? "main", previous.LatestRun?.Commit?.Message ?? "Change");
        Reader.Summaries[key] = previous with { LatestRun = run };
        Version.Bump();
        await Bus.PublishAsync([new FlowEvent(FlowEventType.RunFinished, key.InstanceId, key, Now, run, previous.LatestRun?.Status)], CancellationToken.None);
    }

    public static Run Run(PipelineKey key, long number, RunStatus status, string branch = "main", string message = "Fix the build")
    {
        var started = Now.AddMinutes(-10);
        var finished = status.IsFinished() ? started.AddMinutes(4) : (DateTimeOffset?)null;
        return new Run(key, $"{key.NativeId}-{number}", number, 1, status, status.ToString(), message, "push", "ada", branch,
            new CommitInfo("abc123", message, "Ada Lindqvist", "ada@example.com"), started, started, finished, finished, null, Abstractions.Domain.Run.NoParameters);
    }

    internal sealed class FakeReader : IPipelineReader
    {
        public Dictionary<PipelineKey, PipelineSummary> Summaries { get; } = [];

        public Task<IReadOnlyList<PipelineSummary>> ListPipelineSummariesAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<PipelineSummary>>([.. Summaries.Values]);

        public Task<RunPage> ListRunsAsync(PipelineKey key, RunQuery query, CancellationToken cancellationToken) =>
            Task.FromResult(new RunPage(Summaries.TryGetValue(key, out var summary) && summary.LatestRun is { } run ? [run] : [], null));

        public Task<Pipeline?> FindPipelineAsync(PipelineKey key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<RunDetail?> FindRunAsync(PipelineKey key, string runNativeId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<JobLog?> FindJobLogAsync(PipelineKey key, string runNativeId, string jobNativeId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SaveJobLogAsync(PipelineKey key, string runNativeId, string jobNativeId, JobLog log, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    internal sealed class FakeInstances : IInstanceRepository
    {
        public List<ProviderInstance> Items { get; } = [];

        public Task<IReadOnlyList<ProviderInstance>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ProviderInstance>>([.. Items]);

        public Task<ProviderInstance?> FindAsync(string id, CancellationToken cancellationToken) => Task.FromResult(Items.Find(instance => instance.Id == id));

        public Task<bool> AddAsync(ProviderInstance instance, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> UpdateAsync(ProviderInstance instance, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> RemoveAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<InstanceHealth> GetHealthAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SaveHealthAsync(string id, InstanceHealth health, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
