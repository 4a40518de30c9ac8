using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.GitHub;

/// <summary>
/// A connection to one GitHub instance: orchestrates <see cref="GitHubApiClient"/> calls and
/// <see cref="GitHubMapper"/> mapping; parameters, trigger, re-run and cancel are delegated to
/// <see cref="GitHubParameterSource"/> and <see cref="GitHubRunActions"/>. Keeps no per-request state, so it may be
/// used from several threads.
/// </summary>
internal sealed partial class GitHubConnection(
    string instanceId,
    GitHubApiClient client,
    GitHubMapper mapper,
    IReadOnlySet<string> owners,
    GitHubWebhooks webhooks,
    GitHubParameterSource parameters,
    GitHubRunActions actions,
    ILogger logger)
    : RunControlConnection(instanceId, parameters, actions),
        ICredentialValidator, ISourceDiscovery, IPipelineSource, IRunSource, IJobLogSource, IWebhookReceiver
{
    /// <summary>GitHub's largest page.</summary>
    private const int MaxPerPage = 100;

    internal GitHubApiClient Client => client;

    internal GitHubParameterSource ParameterSource { get; } = parameters;

    public async Task<CredentialCheck> ValidateCredentialsAsync(CancellationToken cancellationToken)
    {
        var (user, scopes) = await client.GetAuthenticatedUserAsync(cancellationToken);
        return new CredentialCheck(user.Login, scopes);
    }

    public async Task<IReadOnlyList<WatchableSource>> ListSourcesAsync(CancellationToken cancellationToken)
    {
        var repositories = await client.ListRepositoriesAsync(cancellationToken);
        return
        [
            .. repositories
                .Where(repository => owners.Count == 0 || owners.Contains(OwnerOf(repository.FullName, repository.Owner?.Login)))
                .Select(GitHubMapper.MapSource),
        ];
    }

    public async Task<IReadOnlyList<Pipeline>> ListPipelinesAsync(IReadOnlyList<WatchableSource> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var pipelines = new List<Pipeline>();

        // One repository after the other: GitHub asks integrations not to make concurrent requests.
        foreach (var source in sources)
        {
            try
            {
                var workflows = await client.ListWorkflowsAsync(source.Id, cancellationToken);
                pipelines.AddRange(workflows.Select(workflow => GitHubMapper.MapPipeline(InstanceId, workflow, source.Id, source.DefaultBranch)));
            }
            catch (ProviderException exception) when (exception.Kind == ProviderErrorKind.NotFound)
            {
                // A deleted or no longer visible repository has no pipelines; it must not fail every other one.
                LogSourceSkipped(logger, source.Id, exception.Message);
            }
        }

        return pipelines;
    }

    public async Task<IReadOnlyList<Run>> ListRecentRunsAsync(IReadOnlyList<Pipeline> pipelines, int perSourceLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        if (perSourceLimit <= 0 || pipelines.Count == 0)
        {
            return [];
        }

        var perPage = Math.Min(perSourceLimit, MaxPerPage);
        var runs = new List<Run>();
        foreach (var repository in pipelines.GroupBy(pipeline => pipeline.Repository, StringComparer.OrdinalIgnoreCase))
        {
            var workflowIds = repository.Select(pipeline => pipeline.Key.NativeId).ToHashSet(StringComparer.Ordinal);
            try
            {
                // One (conditional) request per repository, whatever the number of its workflows.
                var page = await client.ListRecentRunsAsync(repository.Key, perPage, cancellationToken);
                runs.AddRange(page
                    .Where(run => workflowIds.Contains(run.WorkflowId.ToString(CultureInfo.InvariantCulture)))
                    .Select(run => mapper.MapRun(InstanceId, run)));
            }
            catch (ProviderException exception) when (exception.Kind == ProviderErrorKind.NotFound)
            {
                LogSourceSkipped(logger, repository.Key, exception.Message);
            }
        }

        return runs;
    }

    public async Task<Run> GetRunAsync(Pipeline pipeline, string runNativeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var runId = ParseId(runNativeId, "run");
        var run = await client.GetRunAsync(pipeline.Repository, runId, cancellationToken);
        var workflowId = run.WorkflowId.ToString(CultureInfo.InvariantCulture);
        if (!string.Equals(workflowId, pipeline.Key.NativeId, StringComparison.Ordinal))
        {
            throw new ProviderException(
                ProviderErrorKind.NotFound,
                $"Run {runNativeId} of {pipeline.Repository} belongs to workflow {workflowId}, not to '{pipeline.Name}' ({pipeline.Key.NativeId}).");
        }

        return mapper.MapRun(InstanceId, run);
    }

    public async Task<IReadOnlyList<Job>> ListJobsAsync(Pipeline pipeline, Run run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(run);
        var jobs = await client.ListJobsAsync(pipeline.Repository, ParseId(run.NativeId, "run"), cancellationToken);
        return [.. jobs.Select(mapper.MapJob)];
    }

    public async Task<JobLog> GetJobLogAsync(Pipeline pipeline, Run run, Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(job);
        var text = await client.GetJobLogAsync(pipeline.Repository, ParseId(job.NativeId, "job"), cancellationToken);
        return new JobLog(text, job.Status.IsFinished());
    }

    public WebhookDelivery Receive(WebhookRequest request) => webhooks.Receive(request);

    /// <summary>Parses the <c>owners</c> setting: names separated by commas and/or spaces.</summary>
    internal static IReadOnlySet<string> ParseOwners(string? setting) =>
        (setting ?? string.Empty)
            .Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static string OwnerOf(string fullName, string? ownerLogin)
    {
        if (!string.IsNullOrEmpty(ownerLogin))
        {
            return ownerLogin;
        }

        var slash = fullName.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? fullName : fullName[..slash];
    }

    internal static long ParseId(string nativeId, string what) =>
        long.TryParse(nativeId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ProviderException(ProviderErrorKind.NotFound, $"'{nativeId}' is not a GitHub {what} id.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped GitHub repository {Repository}: {Reason}")]
    private static partial void LogSourceSkipped(ILogger logger, string repository, string reason);
}
