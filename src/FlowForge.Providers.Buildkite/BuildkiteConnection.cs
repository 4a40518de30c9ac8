using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.Buildkite.Dtos;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.Buildkite;

/// <summary>
/// A connection to one Buildkite organization: discovery and pipelines here, builds through
/// <see cref="BuildkiteBuildListing"/>, parameters through
/// <see cref="BuildkiteParameterSource"/>, trigger, re-run, cancel and unblock through <see cref="BuildkiteRunActions"/>, deliveries through <see cref="BuildkiteWebhooks"/>. Safe for concurrent use.
/// </summary>
internal sealed partial class BuildkiteConnection(
    string instanceId,
    BuildkiteApiClient client,
    BuildkiteBuildListing listing,
    BuildkiteWebhooks webhooks,
    BuildkiteParameterSource parameters,
    BuildkiteRunActions actions,
    ILogger logger)
    : RunControlConnection(instanceId, parameters, actions),
        ICredentialValidator, ISourceDiscovery, IPipelineSource, IRunSource, IJobLogSource, IWebhookReceiver, IJobUnblocker
{
    /// <summary>The pipelines of the last discovery, so listing the pipelines of changed sources costs no request.</summary>
    private volatile IReadOnlyDictionary<string, PipelineDto> _discovered = new Dictionary<string, PipelineDto>();

    private readonly BuildkiteRunActions _actions = actions;

    internal BuildkiteApiClient Client => client;

    public async Task<CredentialCheck> ValidateCredentialsAsync(CancellationToken cancellationToken)
    {
        var token = await client.GetAccessTokenAsync(cancellationToken);
        var identity = token.User?.Name ?? token.User?.Email ?? token.Uuid ?? "API access token";
        return new CredentialCheck(identity, token.Scopes ?? []);
    }

    /// <summary>Every pipeline of the organization is a source of its own: Buildkite lists builds per pipeline.</summary>
    public async Task<IReadOnlyList<WatchableSource>> ListSourcesAsync(CancellationToken cancellationToken)
    {
        var pipelines = await client.ListPipelinesAsync(cancellationToken);
        _discovered = pipelines.DistinctBy(pipeline => pipeline.Slug).ToDictionary(pipeline => pipeline.Slug, StringComparer.Ordinal);
        return [.. pipelines.Select(pipeline => BuildkiteMapper.MapSource(client.Organization, pipeline))];
    }

    public async Task<IReadOnlyList<Pipeline>> ListPipelinesAsync(IReadOnlyList<WatchableSource> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var discovered = _discovered;
        var pipelines = new List<Pipeline>(sources.Count);
        foreach (var source in sources)
        {
            var slash = source.Id.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || !string.Equals(source.Id[..slash], client.Organization, StringComparison.Ordinal))
            {
                LogSourceSkipped(logger, source.Id, $"it is not a pipeline of the organization '{client.Organization}'");
                continue;
            }

            var slug = source.Id[(slash + 1)..];
            try
            {
                var pipeline = discovered.GetValueOrDefault(slug) ?? await client.GetPipelineAsync(slug, cancellationToken);
                pipelines.Add(BuildkiteMapper.MapPipeline(InstanceId, client.Organization, pipeline));
            }
            catch (ProviderException exception) when (exception.Kind == ProviderErrorKind.NotFound)
            {
                LogSourceSkipped(logger, source.Id, exception.Message);
            }
        }

        return pipelines;
    }

    public Task<IReadOnlyList<Run>> ListRecentRunsAsync(IReadOnlyList<Pipeline> pipelines, int perSourceLimit, CancellationToken cancellationToken) =>
        listing.ListRecentAsync(pipelines, perSourceLimit, cancellationToken);

    public Task<Run> GetRunAsync(Pipeline pipeline, string runNativeId, CancellationToken cancellationToken) =>
        listing.GetRunAsync(pipeline, runNativeId, cancellationToken);

    public Task<IReadOnlyList<Job>> ListJobsAsync(Pipeline pipeline, Run run, CancellationToken cancellationToken) =>
        listing.ListJobsAsync(pipeline, run, cancellationToken);

    /// <summary><c>GET …/jobs/{id}/log</c>; complete once the job finished. Wait and block steps have no log.</summary>
    public async Task<JobLog> GetJobLogAsync(Pipeline pipeline, Run run, Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(job);
        var (slug, number) = BuildkiteBuildListing.Address(pipeline, run.NativeId);
        var text = await client.GetJobLogAsync(slug, number, job.NativeId, cancellationToken);
        return new JobLog(text, job.Status.IsFinished());
    }

    public WebhookDelivery Receive(WebhookRequest request) => webhooks.Receive(request);

    /// <summary>Unblocks a block step with values for its fields (<c>PUT …/jobs/{id}/unblock</c>).</summary>
    public Task<ActionResult> UnblockJobAsync(
        Pipeline pipeline, Run run, Job job, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return _actions.UnblockAsync(pipeline, run, job.NativeId, fields, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped Buildkite source {Source}: {Reason}")]
    private static partial void LogSourceSkipped(ILogger logger, string source, string reason);
}
