using FlowForge.Emulators.GitHub.Webhooks;
using FlowForge.Emulators.Infrastructure.Webhooks;

namespace FlowForge.Emulators.GitHub;

/// <summary>
/// Webhook subscriptions and their deliveries, as GitHub sends them: whenever a run or job of the scenario changes
/// state (through <see cref="GitHubScenario"/>, the REST API or <c>/_emulator</c>), every matching subscription gets
/// a signed <c>workflow_run</c> / <c>workflow_job</c> POST. Deliveries leave from a background queue per subscription,
/// in the order the changes happened; a slow or unreachable receiver never blocks the scenario, and every attempt is
/// recorded in <see cref="Deliveries"/>. Thread-safe. Runs seeded with <see cref="GitHubScenario.AddCompletedRun"/> are
/// history and cause no deliveries.
/// </summary>
/// <remarks>
/// Events per change: <see cref="GitHubScenario.StartRun"/> (and dispatch, re-runs) → <c>workflow_run</c>
/// <c>requested</c>, then <c>workflow_job</c> <c>queued</c> for each job; a run that starts → <c>workflow_run</c>
/// <c>in_progress</c>, then <c>workflow_job</c> <c>in_progress</c>; each job that finishes → <c>workflow_job</c>
/// <c>completed</c>; a run that finishes → its jobs' <c>completed</c>, then <c>workflow_run</c> <c>completed</c>.
/// </remarks>
public sealed class GitHubWebhooks
{
    private readonly WebhookDispatcher _dispatcher;

    internal GitHubWebhooks(WebhookDispatcher dispatcher) => _dispatcher = dispatcher;

    /// <summary>The events a subscription gets when it names none: <c>workflow_run</c> and <c>workflow_job</c>.</summary>
    public static IReadOnlyList<string> DefaultEvents { get; } = [WebhookEvents.WorkflowRun, WebhookEvents.WorkflowJob];

    /// <summary>The current subscriptions.</summary>
    public IReadOnlyList<WebhookSubscription> Subscriptions => _dispatcher.Subscriptions;

    /// <summary>Every delivery attempt so far (redeliveries included), in the order they finished.</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries => _dispatcher.Deliveries;

    /// <summary>Subscribes <paramref name="url"/> to the events of every repository.</summary>
    /// <param name="secret">Signs the deliveries (<c>X-Hub-Signature-256</c>, <c>X-Hub-Signature</c>); empty sends them unsigned.</param>
    /// <param name="events">The events to deliver (<c>*</c> for all); none means <see cref="DefaultEvents"/>.</param>
    /// <returns>The subscription's id, sent as <c>X-GitHub-Hook-ID</c>.</returns>
    public long Subscribe(Uri url, string secret, params string[] events) =>
        Subscribe(new WebhookSubscriptionOptions { Url = url, Secret = secret, Events = events is { Length: > 0 } ? events : DefaultEvents });

    /// <returns>The subscription's id, sent as <c>X-GitHub-Hook-ID</c>.</returns>
    public long Subscribe(WebhookSubscriptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ReceiverUrl.EnsureHttp(options.Url, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Secret);
        ArgumentNullException.ThrowIfNull(options.Events);

        if (options.Events.Count == 0 || options.Events.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A subscription needs at least one event, and no blank ones.", nameof(options));
        }

        return _dispatcher.Subscribe(options).Id;
    }

    /// <summary>Deletes the subscription: nothing more is delivered to it, and what it still had queued is dropped.</summary>
    /// <returns>False when there was no such subscription.</returns>
    public bool Unsubscribe(long subscriptionId) => _dispatcher.Unsubscribe(subscriptionId);

    /// <summary>Queues a <c>ping</c> delivery (<c>{"zen", "hook_id", "hook", …}</c>) to the subscription, as GitHub sends on creation or "Redeliver"/"ping".</summary>
    /// <returns>The delivery id (<c>X-GitHub-Delivery</c>).</returns>
    public string Ping(long subscriptionId) => _dispatcher.Ping(subscriptionId);

    /// <summary>
    /// Sends a recorded delivery again, like GitHub's "Redeliver" button: same <c>X-GitHub-Delivery</c>, same body, same
    /// signature; recorded as another attempt with <see cref="WebhookDelivery.Redelivery"/> set. Completes with that attempt.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such delivery was recorded.</exception>
    /// <exception cref="InvalidOperationException">Its subscription was removed.</exception>
    public Task<WebhookDelivery> RedeliverAsync(string deliveryId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deliveryId);
        return _dispatcher.RedeliverAsync(deliveryId, cancellationToken);
    }

    /// <summary>Completes once the delivery queues are empty: every delivery caused so far has been attempted and recorded.</summary>
    public Task WhenDeliveredAsync(CancellationToken cancellationToken = default) => _dispatcher.WhenDeliveredAsync(cancellationToken);

    /// <summary>
    /// Negative-test knob: deliveries queued from now on for the subscription are signed with <paramref name="secret"/>
    /// instead of the subscription's secret (so a receiver's verification fails); null goes back to the real secret.
    /// </summary>
    public void SignWithSecret(long subscriptionId, string? secret) => _dispatcher.SignWithSecret(subscriptionId, secret);

    /// <summary>
    /// Negative-test knob: deliveries queued from now on (to every subscription) carry <paramref name="overrideSignature"/>
    /// verbatim as <c>X-Hub-Signature-256</c> and no <c>X-Hub-Signature</c>; an empty string sends no signature header at
    /// all; null goes back to real signatures.
    /// </summary>
    public void SendWithSignature(string? overrideSignature) => _dispatcher.SendWithSignature(overrideSignature);

    /// <summary>Forgets the recorded deliveries (they can no longer be redelivered).</summary>
    public void ClearDeliveries() => _dispatcher.ClearDeliveries();
}
