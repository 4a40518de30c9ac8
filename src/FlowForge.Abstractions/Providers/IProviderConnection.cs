using FlowForge.Abstractions.Domain;

namespace FlowForge.Abstractions.Providers;

/// <summary>
/// A connection to one provider instance. Beyond this marker, it implements the capability interfaces
/// its descriptor declares; callers test for them (<c>connection is IRunSource runs</c>).
/// One connection lives as long as the instance's configuration does, and may be used concurrently.
/// </summary>
public interface IProviderConnection
{
    string InstanceId { get; }
}

/// <summary>Checks that the credentials work and what they may do.</summary>
public interface ICredentialValidator
{
    Task<CredentialCheck> ValidateCredentialsAsync(CancellationToken cancellationToken);
}

/// <summary>The outcome of a credential check.</summary>
/// <param name="Identity">Who the token belongs to (login, service account).</param>
/// <param name="GrantedPermissions">Scopes or permissions the provider reported, where it reports them.</param>
public sealed record CredentialCheck(string Identity, IReadOnlyList<string> GrantedPermissions);

/// <summary>Lists what the token can see: repositories, projects, organizations.</summary>
public interface ISourceDiscovery
{
    Task<IReadOnlyList<WatchableSource>> ListSourcesAsync(CancellationToken cancellationToken);
}

/// <summary>Lists the pipelines of the watched sources.</summary>
public interface IPipelineSource
{
    Task<IReadOnlyList<Pipeline>> ListPipelinesAsync(IReadOnlyList<WatchableSource> sources, CancellationToken cancellationToken);
}

/// <summary>Reads runs. Listing asks only for the newest runs: the sync engine never re-walks history.</summary>
public interface IRunSource
{
    /// <summary>The newest runs of the given pipelines, at most <paramref name="perSourceLimit"/> per source.</summary>
    Task<IReadOnlyList<Run>> ListRecentRunsAsync(IReadOnlyList<Pipeline> pipelines, int perSourceLimit, CancellationToken cancellationToken);

    Task<Run> GetRunAsync(Pipeline pipeline, string runNativeId, CancellationToken cancellationToken);

    /// <summary>The jobs of a run, each with its steps and timings.</summary>
    Task<IReadOnlyList<Job>> ListJobsAsync(Pipeline pipeline, Run run, CancellationToken cancellationToken);
}

/// <summary>Reads a job's log text.</summary>
public interface IJobLogSource
{
    Task<JobLog> GetJobLogAsync(Pipeline pipeline, Run run, Job job, CancellationToken cancellationToken);
}
