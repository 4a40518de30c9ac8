using FlowForge.Emulators.GitHub.Json;
using FlowForge.Emulators.Infrastructure.Hosting;
using FlowForge.Emulators.Infrastructure.Requests;
using FlowForge.Emulators.Infrastructure.Webhooks;

namespace FlowForge.Emulators.GitHub.Webhooks;

/// <summary>
/// Turns run changes into signed webhook deliveries. A change is only queued where it happens (inside the state's
/// lock); the shared <see cref="DeliveryQueues{TSubscription, TWork}"/> give each subscription its own queue and
/// consumer, which renders, signs and POSTs them one after the other.
/// </summary>
internal sealed partial class WebhookDispatcher : IBackgroundWork
{
    private const string UserAgent = "GitHub-Hookshot/e1a0f5c";

    private readonly EmulatorRuntime _runtime;
    private readonly DeliveryQueues<Subscription, Work> _queues;
    private readonly BoundedLog<WebhookDelivery> _deliveries;
    private string? _signatureOverride;

    public WebhookDispatcher(EmulatorRuntime runtime)
    {
        _runtime = runtime;
        _deliveries = new BoundedLog<WebhookDelivery>(runtime.Options.RequestLogCapacity);
        _queues = new DeliveryQueues<Subscription, Work>(firstId: 400_000_001, runtime.Options.WebhookTimeout, DeliverAsync, Abandon);
        runtime.State.RunChanged = OnRunChanged;
    }

    public WebhookSubscription Subscribe(WebhookSubscriptionOptions options)
    {
        long? repositoryId = null;
        string? repositoryName = null;
        if (options.Repository is { } fullName)
        {
            var repository = _runtime.State.Repository(fullName) ?? throw new KeyNotFoundException($"Repository '{fullName}' does not exist.");
            (repositoryId, repositoryName) = (repository.Id, repository.FullName);
        }

        var createdAt = _runtime.Time.GetUtcNow();
        return _queues.Add(id => new Subscription(id, options.Url, options.Secret, [.. options.Events], repositoryId, repositoryName, createdAt)).Info;
    }

    /// <summary>Whatever is still queued for it is dropped, as GitHub drops a deleted hook's pending deliveries.</summary>
    public bool Unsubscribe(long subscriptionId) => _queues.Remove(subscriptionId, dropQueued: true);

    public IReadOnlyList<WebhookSubscription> Subscriptions => [.. _queues.All.Select(s => s.Info)];

    public void SignWithSecret(long subscriptionId, string? secret) => Find(subscriptionId).SigningSecret = secret;

    public void SendWithSignature(string? overrideSignature) => Volatile.Write(ref _signatureOverride, overrideSignature);

    public string Ping(long subscriptionId)
    {
        var subscription = Find(subscriptionId);
        var work = NewWork(subscription, WebhookEvents.Ping, null, null, null);
        if (!_queues.Enqueue(subscription, work))
        {
            throw new InvalidOperationException($"Webhook {subscriptionId} was removed.");
        }

        return work.DeliveryId;
    }

    public IReadOnlyList<WebhookDelivery> Deliveries => _deliveries.Snapshot();

    public void ClearDeliveries() => _deliveries.Clear();

    /// <summary>Sends a recorded delivery again, exactly as it was (id, body, headers), behind what its subscription has queued.</summary>
    public Task<WebhookDelivery> RedeliverAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var recorded = _deliveries.Snapshot();
        var original = recorded.FirstOrDefault(d => d.Id == deliveryId && !d.Redelivery)
            ?? recorded.FirstOrDefault(d => d.Id == deliveryId)
            ?? throw new KeyNotFoundException($"No delivery '{deliveryId}' was recorded.");
        if (original.Headers.Count == 0)
        {
            throw new InvalidOperationException($"Delivery '{deliveryId}' was never sent ({original.Error}).");
        }

        var work = new Work
        {
            DeliveryId = original.Id,
            Event = original.Event,
            Action = original.Action,
            Replay = original,
            Completion = new TaskCompletionSource<WebhookDelivery>(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        if (_queues.Find(original.SubscriptionId) is not { } subscription || !_queues.Enqueue(subscription, work))
        {
            throw new InvalidOperationException($"Webhook {original.SubscriptionId} was removed; its deliveries cannot be redelivered.");
        }

        return work.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Completes once every delivery queued so far (and any queued meanwhile) has been attempted and recorded.</summary>
    public Task WhenDeliveredAsync(CancellationToken cancellationToken) => _queues.WhenDeliveredAsync(cancellationToken);

    public async Task StopAsync()
    {
        _runtime.State.RunChanged = null;
        await _queues.StopAsync();
    }

    public void Dispose()
    {
        _runtime.State.RunChanged = null;
        _queues.Dispose();
    }

    /// <summary>Called inside the state's lock: only decides what to deliver to whom and queues it.</summary>
    private void OnRunChanged(EmulatedRun? before, EmulatedRun after)
    {
        var subscriptions = _queues.All;
        if (subscriptions.Count == 0)
        {
            return;
        }

        var events = WebhookEvents.Of(before, after);
        foreach (var subscription in subscriptions)
        {
            if (subscription.RepositoryId is { } only && only != after.RepositoryId)
            {
                continue;
            }

            foreach (var e in events)
            {
                if (subscription.Wants(e.Event))
                {
                    _queues.Enqueue(subscription, NewWork(subscription, e.Event, e.Action, e.Run, e.Job));
                }
            }
        }
    }

    private Work NewWork(Subscription subscription, string name, string? action, EmulatedRun? run, EmulatedJob? job) => new()
    {
        DeliveryId = Guid.NewGuid().ToString("D"),
        Event = name,
        Action = action,
        Run = run,
        Job = job,
        Secret = subscription.SigningSecret ?? subscription.Secret,
        SignatureOverride = Volatile.Read(ref _signatureOverride),
    };

    private Subscription Find(long subscriptionId) =>
        _queues.Find(subscriptionId) ?? throw new KeyNotFoundException($"Webhook {subscriptionId} does not exist.");

    private sealed class Subscription(
        long id, Uri url, string secret, string[] events, long? repositoryId, string? repositoryName, DateTimeOffset createdAt) : IWebhookSubscription
    {
        private string? _signingSecret;

        public long Id => id;

        public Uri Url => url;

        public string Secret => secret;

        public long? RepositoryId => repositoryId;

        /// <summary>Signs with this instead of <see cref="Secret"/> (a negative-test knob); null uses the secret.</summary>
        public string? SigningSecret
        {
            get => Volatile.Read(ref _signingSecret);
            set => Volatile.Write(ref _signingSecret, value);
        }

        public WebhookSubscription Info => new(id, url, events, repositoryName, secret.Length > 0, createdAt);

        public HookInfo Hook => new(id, url, events, repositoryId, secret.Length > 0, createdAt);

        public bool Wants(string name) =>
            name == WebhookEvents.Ping || events.Contains("*", StringComparer.Ordinal) || events.Contains(name, StringComparer.Ordinal);
    }

    private sealed class Work
    {
        public required string DeliveryId { get; init; }

        public required string Event { get; init; }

        public string? Action { get; init; }

        public EmulatedRun? Run { get; init; }

        public EmulatedJob? Job { get; init; }

        /// <summary>The secret to sign with, as it was when the change happened.</summary>
        public string Secret { get; init; } = "";

        /// <summary>A literal <c>X-Hub-Signature-256</c> to send instead of the real one ("" sends none).</summary>
        public string? SignatureOverride { get; init; }

        /// <summary>For a redelivery: the recorded delivery to send again byte for byte.</summary>
        public WebhookDelivery? Replay { get; init; }

        public TaskCompletionSource<WebhookDelivery>? Completion { get; init; }
    }
}
