using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;

namespace FlowForge.Web.Tests.Fakes;

/// <summary>
/// A provider kind whose connections can do everything: parameters, trigger, re-run, cancel, runs and logs, each
/// scripted by the test. Its "read-only" sibling kind can only read runs, for "the provider cannot" cases.
/// </summary>
internal sealed class FakeProvider
{
    public const string FullKind = "fake";
    public const string ReadOnlyKind = "fake-readonly";

    public FakeProvider(InMemoryStore store) => Connection = new FullConnection(store);

    public FullConnection Connection { get; }

    public IProviderPlugin FullPlugin => new Plugin(FullKind, "Fake CI", _ => Connection);

    public static IProviderPlugin ReadOnlyPlugin(InMemoryStore store) => new Plugin(ReadOnlyKind, "Read-only CI", context => new ReadOnlyConnection(context.InstanceId, store));

    private sealed class Plugin(string kind, string name, Func<ProviderConnectionContext, IProviderConnection> connect) : IProviderPlugin
    {
        public ProviderDescriptor Descriptor { get; } = new(kind, name, "For tests.", [], ProviderCapabilities.Runs, []);

        public IProviderConnection Connect(ProviderConnectionContext context) => connect(context);
    }

    internal class ReadOnlyConnection(string instanceId, InMemoryStore store) : IProviderConnection, IRunSource, IJobLogSource
    {
        public string InstanceId { get; } = instanceId;

        public Dictionary<string, JobLog> Logs { get; } = new(StringComparer.Ordinal);

        public int LogReads { get; private set; }

        public Exception? LogFailure { get; set; }

        public Task<IReadOnlyList<Run>> ListRecentRunsAsync(IReadOnlyList<Pipeline> pipelines, int perSourceLimit, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public async Task<Run> GetRunAsync(Pipeline pipeline, string runNativeId, CancellationToken cancellationToken) =>
            (await store.FindRunAsync(pipeline.Key, runNativeId, cancellationToken))?.Run ?? throw new ProviderException(ProviderErrorKind.NotFound, "No such run.");

        public Task<IReadOnlyList<Job>> ListJobsAsync(Pipeline pipeline, Run run, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<JobLog> GetJobLogAsync(Pipeline pipeline, Run run, Job job, CancellationToken cancellationToken)
        {
            LogReads++;
            return LogFailure is { } failure ? Task.FromException<JobLog>(failure)
                : Task.FromResult(Logs.TryGetValue(job.NativeId, out var log) ? log : new JobLog(string.Empty, true));
        }
    }

    internal sealed class FullConnection(InMemoryStore store)
        : ReadOnlyConnection("acme", store), IParameterSource, IRunTrigger, IRunRerunner, IRunCanceller, IJobUnblocker
    {
        public PipelineParameters Parameters { get; set; } = new("main", true, null, [], "rev1");

        public TriggerResult TriggerResult { get; set; } = new("r-new", null, 204);

        public List<TriggerRequest> Triggers { get; } = [];

        public List<(string RunId, RerunScope Scope, string? JobId)> Reruns { get; } = [];

        public List<(string RunId, bool Force)> Cancels { get; } = [];

        public List<(string RunId, string JobId)> Unblocks { get; } = [];

        public Exception? ActionFailure { get; set; }

        public IReadOnlyList<RerunScope> RerunScopes { get; set; } = [RerunScope.All, RerunScope.FailedJobs, RerunScope.Job];

        public Task<PipelineParameters> GetParametersAsync(Pipeline pipeline, string? gitRef, CancellationToken cancellationToken) =>
            Task.FromResult(gitRef is null ? Parameters : Parameters with { Ref = gitRef });

        public Task<TriggerResult> TriggerAsync(Pipeline pipeline, TriggerRequest request, CancellationToken cancellationToken)
        {
            if (ActionFailure is { } failure)
            {
                return Task.FromException<TriggerResult>(failure);
            }

            Triggers.Add(request);
            return Task.FromResult(TriggerResult);
        }

        public Task<ActionResult> RerunAsync(Pipeline pipeline, Run run, RerunScope scope, string? jobNativeId, CancellationToken cancellationToken)
        {
            if (ActionFailure is { } failure)
            {
                return Task.FromException<ActionResult>(failure);
            }

            Reruns.Add((run.NativeId, scope, jobNativeId));
            return Task.FromResult(new ActionResult(201, run.NativeId));
        }

        public Task<ActionResult> UnblockJobAsync(Pipeline pipeline, Run run, Job job, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
        {
            Unblocks.Add((run.NativeId, job.NativeId));
            return Task.FromResult(new ActionResult(200, run.NativeId));
        }

        public Task<ActionResult> CancelAsync(Pipeline pipeline, Run run, bool force, CancellationToken cancellationToken)
        {
            if (ActionFailure is { } failure)
            {
                return Task.FromException<ActionResult>(failure);
            }

            Cancels.Add((run.NativeId, force));
            return Task.FromResult(new ActionResult(202, run.NativeId));
        }
    }
}
