using System.Globalization;
using FlowForge.Emulators.Infrastructure.Hosting;
using FlowForge.Emulators.Infrastructure.Requests;
using FlowForge.Emulators.Infrastructure.Webhooks;

namespace FlowForge.Emulators.GitLab.Webhooks;

/// <summary>
/// Turns pipeline and job changes into webhook deliveries. A change is queued where it happens; the shared
/// <see cref="DeliveryQueues{TSubscription, TWork}"/> give each subscription its own queue and consumer, which POSTs its
/// deliveries one after the other. Every attempt is recorded.
/// </summary>
internal sealed class HookDispatcher : IBackgroundWork
{
    public const string PipelineEvent = "Pipeline Hook";
    public const string JobEvent = "Job Hook";
    private const string UserAgent = "GitLab/18.6.0";

    private readonly GitLabRuntime _runtime;
    private readonly DeliveryQueues<Subscription, Work> _queues;
    private readonly BoundedLog<GitLabHookDelivery> _deliveries;

    public HookDispatcher(GitLabRuntime runtime)
    {
        _runtime = runtime;
        _deliveries = new BoundedLog<GitLabHookDelivery>(runtime.Options.RequestLogCapacity);
        _queues = new DeliveryQueues<Subscription, Work>(firstId: 1, runtime.Options.WebhookTimeout, (subscription, work, stopping) => SendAsync(subscription, work, stopping));
        runtime.State.PipelineChanged = OnPipelineChanged;
    }

    public IReadOnlyList<GitLabHookSubscription> Subscriptions => [.. _queues.All.Select(subscription => subscription.Info)];

    public IReadOnlyList<GitLabHookDelivery> Deliveries => _deliveries.Snapshot();

    public GitLabHookSubscription Subscribe(Uri url, string token, IReadOnlyList<string> events) =>
        _queues.Add(id => new Subscription(new GitLabHookSubscription(id, url, [.. events], _runtime.Time.GetUtcNow()), token, Guid.NewGuid().ToString())).Info;

    /// <summary>What the subscription still has queued is delivered.</summary>
    public bool Unsubscribe(long id) => _queues.Remove(id, dropQueued: false);

    /// <summary>Negative-test knob: the subscription's next deliveries carry <paramref name="token"/> instead of its secret (null: back to it).</summary>
    public void SendWithToken(long id, string? token) =>
        (_queues.Find(id) ?? throw new KeyNotFoundException($"No webhook {id}.")).TokenOverride = token;

    public void ClearDeliveries() => _deliveries.Clear();

    /// <summary>Sends a recorded delivery again with the same headers and body (GitLab's "Resend request"), right away.</summary>
    public Task<GitLabHookDelivery> RedeliverAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var original = _deliveries.Snapshot().FirstOrDefault(delivery => delivery.Id == deliveryId)
            ?? throw new KeyNotFoundException($"No delivery '{deliveryId}' was recorded.");
        var subscription = _queues.Find(original.SubscriptionId) ?? throw new InvalidOperationException($"Webhook {original.SubscriptionId} was removed.");
        return SendAsync(subscription, new Work(original.Id, original.Event, original.Body, original.Headers, Redelivery: true), cancellationToken);
    }

    public Task WhenDeliveredAsync(CancellationToken cancellationToken) => _queues.WhenDeliveredAsync(cancellationToken);

    public async Task StopAsync()
    {
        _runtime.State.PipelineChanged = null;
        await _queues.StopAsync();
    }

    public void Dispose() => _queues.Dispose();

    /// <summary>A pipeline delivery when its status changed (or it is new), a job delivery for each job whose status changed.</summary>
    private void OnPipelineChanged(GitLabPipeline? before, GitLabPipeline after)
    {
        if (_queues.All.Count == 0 || _runtime.State.Project(after.ProjectId.ToString(CultureInfo.InvariantCulture)) is not { } project)
        {
            return;
        }

        // A new pipeline is announced before its jobs; otherwise jobs move first and the pipeline's status follows them.
        var render = _runtime.Render();
        if (before is null)
        {
            Enqueue("pipeline", PipelineEvent, () => HookPayloads.Pipeline(after, project, render));
        }

        foreach (var job in after.Jobs.Where(job => before?.Jobs.FirstOrDefault(old => old.Id == job.Id)?.Status != job.Status))
        {
            Enqueue("job", JobEvent, () => HookPayloads.Job(job, after, project, render));
        }

        if (before is not null && before.Status != after.Status)
        {
            Enqueue("pipeline", PipelineEvent, () => HookPayloads.Pipeline(after, project, render));
        }
    }

    private void Enqueue(string kind, string eventName, Func<byte[]> payload)
    {
        byte[]? body = null;
        foreach (var subscription in _queues.All.Where(candidate => candidate.Info.Events.Contains(kind, StringComparer.Ordinal)))
        {
            body ??= payload();
            var id = Guid.NewGuid().ToString();
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Content-Type"] = "application/json",
                ["User-Agent"] = UserAgent,
                ["X-Gitlab-Event"] = eventName,
                ["X-Gitlab-Event-UUID"] = id,
                ["X-Gitlab-Webhook-UUID"] = subscription.WebhookUuid,
                ["X-Gitlab-Instance"] = _runtime.Web.AbsoluteUri.TrimEnd('/'),
                ["Idempotency-Key"] = id,
            };
            if ((subscription.TokenOverride ?? subscription.Token) is { Length: > 0 } token)
            {
                headers["X-Gitlab-Token"] = token;
            }

            _queues.Enqueue(subscription, new Work(id, eventName, body, headers, Redelivery: false));
        }
    }

    private async Task<GitLabHookDelivery> SendAsync(Subscription subscription, Work work, CancellationToken cancellationToken)
    {
        var sentAt = _runtime.Time.GetUtcNow();
        var outcome = await _queues.Poster.PostAsync(subscription.Info.Url, work.Body, work.Headers, cancellationToken);
        var delivery = new GitLabHookDelivery(
            work.Id, work.Event, subscription.Info.Id, outcome.StatusCode, outcome.Error, sentAt, outcome.Duration, work.Redelivery, work.Headers, work.Body);
        _deliveries.Add(delivery);
        return delivery;
    }

    private sealed record Work(string Id, string Event, byte[] Body, IReadOnlyDictionary<string, string> Headers, bool Redelivery);

    private sealed class Subscription(GitLabHookSubscription info, string token, string webhookUuid) : IWebhookSubscription
    {
        public long Id => Info.Id;

        public GitLabHookSubscription Info { get; } = info;

        public string Token { get; } = token;

        public string WebhookUuid { get; } = webhookUuid;

        public string? TokenOverride { get; set; }
    }
}
