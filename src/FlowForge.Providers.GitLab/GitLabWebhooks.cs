using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Providers.GitLab.Dtos;

namespace FlowForge.Providers.GitLab;

/// <summary>
/// Verifies and reads GitLab webhook deliveries (<c>Pipeline Hook</c>, <c>Job Hook</c>) for one instance. GitLab does
/// not sign a delivery: it sends the hook's secret token as is in <c>X-Gitlab-Token</c>, which is compared with the
/// instance's webhook secret in constant time before anything of the delivery is read (<see cref="WebhookReceiver"/>).
/// </summary>
internal sealed class GitLabWebhooks(string instanceId, SecretValue? secret, GitLabMapper mapper, GitLabRunFacts facts)
    : WebhookReceiver(instanceId, secret)
{
    public const string TokenHeader = "X-Gitlab-Token";
    public const string EventHeader = "X-Gitlab-Event";
    public const string EventIdHeader = "X-Gitlab-Event-UUID";

    /// <summary>GitLab 17.4 and later: the same on every retry of one delivery, unlike the event id of an older server.</summary>
    public const string IdempotencyHeader = "Idempotency-Key";

    public const string PipelineEvent = "Pipeline Hook";
    public const string JobEvent = "Job Hook";

    protected override string MissingSecretAdvice => "set its Webhook secret to the secret token of the GitLab webhook.";

    protected override void Verify(WebhookRequest request, SecretValue secret)
    {
        if (!WebhookRequests.SecretMatches(secret, WebhookRequests.Header(request, TokenHeader)))
        {
            throw Refused(WebhookRequests.Header(request, TokenHeader) is null
                ? $"The delivery has no {TokenHeader} header: give the GitLab webhook a secret token."
                : $"The {TokenHeader} header does not match the webhook secret of instance '{InstanceId}'.");
        }
    }

    protected override WebhookDelivery Read(WebhookRequest request)
    {
        var deliveryId = WebhookRequests.Header(request, IdempotencyHeader) ?? WebhookRequests.Header(request, EventIdHeader)
            ?? throw new ProviderException(ProviderErrorKind.BadResponse, $"The delivery has neither {IdempotencyHeader} nor {EventIdHeader}.");
        var eventName = WebhookRequests.Header(request, EventHeader)
            ?? throw new ProviderException(ProviderErrorKind.BadResponse, $"The delivery has no {EventHeader} header.");
        return eventName switch
        {
            PipelineEvent => ReadPipeline(deliveryId, ReadJson(request.Body.Span, eventName, GitLabJsonContext.Default.PipelineHookDto)),
            JobEvent => ReadJob(deliveryId, ReadJson(request.Body.Span, eventName, GitLabJsonContext.Default.JobHookDto)),
            _ => throw Unsupported("GitLab", eventName, "pipeline events and job events"),
        };
    }

    /// <summary>A pipeline delivery: the run and every job it lists.</summary>
    private WebhookDelivery ReadPipeline(string deliveryId, PipelineHookDto hook)
    {
        var attributes = hook.ObjectAttributes;
        if (attributes.Source == "parent_pipeline")
        {
            // A child pipeline is not a run of its project's CI: the runs listing leaves it out too.
            return new WebhookDelivery(deliveryId, PipelineEvent, [], []);
        }

        var builds = hook.Builds ?? [];
        var started = builds.Min(build => build.StartedAt);
        var warnings = builds.Any(build => build.AllowFailure && build.Status == "failed");
        var status = mapper.MapPipelineStatus(attributes.Status, warnings);
        var commit = hook.Commit;
        var run = new Run(
            new PipelineKey(InstanceId, Id(hook.Project.Id)),
            Id(attributes.Id),
            attributes.Iid ?? attributes.Id,
            1,
            status,
            attributes.Status,
            attributes.Name ?? commit?.Title ?? GitLabMapper.Headline(commit?.Message),
            attributes.Source,
            hook.User?.Username,
            attributes.Ref,
            new CommitInfo(attributes.Sha, commit?.Message, commit?.Author?.Name, commit?.Author?.Email),
            attributes.CreatedAt,
            started,
            status.IsFinished() ? attributes.FinishedAt : null,

            // A delivery has no update time. The latest time it mentions is no later than the pipeline's real one, so a
            // poll of the same state is never taken for an older one.
            new[] { attributes.CreatedAt, attributes.FinishedAt, started, builds.Max(build => build.FinishedAt), builds.Max(build => build.CreatedAt) }.Max(),
            GitLabMapper.ToUri(attributes.Url),
            Run.NoParameters);

        if (commit is not null)
        {
            facts.Remember(hook.Project.Id, attributes.Id, new RunStamp(attributes.Status, null), new RunFacts(
                new JobCommitDto(commit.Id, commit.Message, commit.Title, commit.Author?.Name, commit.Author?.Email),
                hook.User?.Username,
                started,
                attributes.FinishedAt,
                warnings));
        }

        var jobs = builds.Select(build => new WebhookJob(run.NativeId, new Job(
            Id(build.Id),
            build.Name,
            mapper.MapJobStatus(build.Status, build.AllowFailure),
            build.Status,
            build.Stage,
            build.Runner?.Description,
            build.StartedAt,
            build.FinishedAt,
            JobUrl(hook.Project.WebUrl, build.Id),
            [])));
        return new WebhookDelivery(deliveryId, PipelineEvent, [run], [.. jobs]);
    }

    /// <summary>A job delivery: the job, for its run (its <c>pipeline_id</c>).</summary>
    private WebhookDelivery ReadJob(string deliveryId, JobHookDto hook)
    {
        var job = new Job(
            Id(hook.BuildId),
            hook.BuildName,
            mapper.MapJobStatus(hook.BuildStatus, hook.BuildAllowFailure),
            hook.BuildStatus,
            hook.BuildStage,
            hook.Runner?.Description,
            hook.BuildStartedAt,
            hook.BuildFinishedAt,
            JobUrl(hook.Project?.WebUrl, hook.BuildId),
            []);
        return new WebhookDelivery(deliveryId, JobEvent, [], [new WebhookJob(Id(hook.PipelineId), job)]);
    }

    private static Uri? JobUrl(string? projectUrl, long jobId) =>
        projectUrl is null ? null : GitLabMapper.ToUri($"{projectUrl.TrimEnd('/')}/-/jobs/{Id(jobId)}");

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
