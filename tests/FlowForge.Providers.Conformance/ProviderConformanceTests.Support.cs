using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using Xunit;

namespace FlowForge.Providers.Conformance;

public abstract partial class ProviderConformanceTests
{
    private static readonly (ProviderCapabilities Flag, Type Interface)[] CapabilityInterfaces =
    [
        (ProviderCapabilities.Discovery, typeof(ISourceDiscovery)),
        (ProviderCapabilities.Pipelines, typeof(IPipelineSource)),
        (ProviderCapabilities.Runs, typeof(IRunSource)),
        (ProviderCapabilities.Logs, typeof(IJobLogSource)),
        (ProviderCapabilities.CredentialValidation, typeof(ICredentialValidator)),
        (ProviderCapabilities.Parameters, typeof(IParameterSource)),
        (ProviderCapabilities.Trigger, typeof(IRunTrigger)),
        (ProviderCapabilities.Rerun, typeof(IRunRerunner)),
        (ProviderCapabilities.Cancel, typeof(IRunCanceller)),
        (ProviderCapabilities.Webhooks, typeof(IWebhookReceiver)),
        (ProviderCapabilities.Unblock, typeof(IJobUnblocker)),
    ];

    protected IProviderConnection Connect() => Backend.Plugin.Connect(Backend.Context(RateLimits));

    protected static T As<T>(IProviderConnection connection)
        where T : class =>
        connection as T ?? throw new Xunit.Sdk.XunitException($"The connection does not implement {typeof(T).Name}.");

    /// <summary>A pipeline as the provider lists it.</summary>
    protected async Task<(ConformancePipeline Made, Pipeline Listed)> PipelineAsync(string name, bool withParameters = false)
    {
        var made = await Backend.AddPipelineAsync(name, withParameters);
        var connection = Connect();
        var source = (await As<ISourceDiscovery>(connection).ListSourcesAsync(Cancel)).Single(candidate => candidate.Id == made.SourceId);
        var listed = (await As<IPipelineSource>(connection).ListPipelinesAsync([source], Cancel)).Single(candidate => candidate.Key.NativeId == made.NativeId);
        return (made, listed);
    }

    /// <summary>The run as the newest-runs listing shows it (what the sync engine sees), waiting briefly for it to appear.</summary>
    protected static async Task<Run> FindAsync(IRunSource runs, Pipeline pipeline, string runId)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var listed = (await runs.ListRecentRunsAsync([pipeline], 30, Cancel)).FirstOrDefault(run => run.NativeId == runId);
            if (listed is not null)
            {
                return listed;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Run {runId} never appeared in the listing of {pipeline.Key}.");
            }

            await Task.Delay(100, Cancel);
        }
    }

    /// <summary>Whether a capability is declared; when it is not, checks the connection does not pretend to have it.</summary>
    private bool Declares(ProviderCapabilities flag, IProviderConnection connection, Type contract)
    {
        var declared = Capabilities.HasFlag(flag);
        Assert.Equal(declared, contract.IsInstanceOfType(connection));
        return declared;
    }
}

/// <summary>Keeps the rate-limit snapshots a connection reports.</summary>
public sealed class RecordingRateLimits : IRateLimitObserver
{
    private readonly List<RateLimitSnapshot> _snapshots = [];

    public IReadOnlyList<RateLimitSnapshot> Snapshots
    {
        get
        {
            lock (_snapshots)
            {
                return [.. _snapshots];
            }
        }
    }

    public void Observe(RateLimitSnapshot snapshot)
    {
        lock (_snapshots)
        {
            _snapshots.Add(snapshot);
        }
    }
}
