using System.Text;
using FlowForge.Emulators.GitLab.Webhooks;
using FlowForge.Emulators.Infrastructure.Webhooks;

namespace FlowForge.Emulators.GitLab;

/// <summary>
/// Project webhooks and their deliveries, as GitLab sends them: whenever a pipeline's status changes (through
/// <see cref="GitLabScenario"/>, the REST API or <c>/_emulator</c>) every subscription to <c>pipeline</c> events gets a
/// <c>Pipeline Hook</c>, and whenever a job's status changes every subscription to <c>job</c> events gets a
/// <c>Job Hook</c>. GitLab does not sign deliveries: the hook's secret token travels as is in <c>X-Gitlab-Token</c>.
/// Deliveries leave from a queue per subscription, in the order the changes happened; each attempt is recorded in
/// <see cref="Deliveries"/>. Seeded history (<see cref="GitLabScenario.AddCompletedPipeline"/>) causes none.
/// </summary>
public sealed class GitLabWebhooks
{
    private readonly HookDispatcher _dispatcher;

    internal GitLabWebhooks(HookDispatcher dispatcher) => _dispatcher = dispatcher;

    /// <summary>What a subscription gets when it names nothing: <c>pipeline</c> and <c>job</c> events.</summary>
    public static IReadOnlyList<string> DefaultEvents { get; } = ["pipeline", "job"];

    public IReadOnlyList<GitLabHookSubscription> Subscriptions => _dispatcher.Subscriptions;

    /// <summary>Every delivery attempt so far, redeliveries included, in the order they finished.</summary>
    public IReadOnlyList<GitLabHookDelivery> Deliveries => _dispatcher.Deliveries;

    /// <param name="secretToken">Sent as <c>X-Gitlab-Token</c>; empty sends none.</param>
    /// <param name="events"><c>pipeline</c> and/or <c>job</c>; none means <see cref="DefaultEvents"/>.</param>
    /// <returns>The subscription's id.</returns>
    public long Subscribe(Uri url, string secretToken, params string[] events)
    {
        ReceiverUrl.EnsureHttp(url, nameof(url));
        ArgumentNullException.ThrowIfNull(secretToken);

        var wanted = events is { Length: > 0 } ? events : [.. DefaultEvents];
        if (wanted.Any(name => !DefaultEvents.Contains(name)))
        {
            throw new ArgumentException("A GitLab webhook here subscribes to 'pipeline' and/or 'job' events.", nameof(events));
        }

        return _dispatcher.Subscribe(url, secretToken, wanted).Id;
    }

    /// <returns>False when there was no such subscription.</returns>
    public bool Unsubscribe(long subscriptionId) => _dispatcher.Unsubscribe(subscriptionId);

    /// <summary>Completes once every delivery caused so far has been attempted and recorded.</summary>
    public Task WhenDeliveredAsync(CancellationToken cancellationToken = default) => _dispatcher.WhenDeliveredAsync(cancellationToken);

    /// <summary>Sends a recorded delivery again: same headers (its <c>Idempotency-Key</c> included) and body.</summary>
    public Task<GitLabHookDelivery> RedeliverAsync(string deliveryId, CancellationToken cancellationToken = default) =>
        _dispatcher.RedeliverAsync(deliveryId, cancellationToken);

    /// <summary>Negative-test knob: the subscription's deliveries queued from now on carry <paramref name="token"/> as <c>X-Gitlab-Token</c>; null restores its own.</summary>
    public void SendWithToken(long subscriptionId, string? token) => _dispatcher.SendWithToken(subscriptionId, token);

    public void ClearDeliveries() => _dispatcher.ClearDeliveries();
}

/// <param name="Events"><c>pipeline</c> and/or <c>job</c>.</param>
public sealed record GitLabHookSubscription(long Id, Uri Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt);

/// <summary>One attempt to deliver an event.</summary>
/// <param name="Id">The delivery's <c>X-Gitlab-Event-UUID</c> (also its <c>Idempotency-Key</c>).</param>
/// <param name="Event"><c>Pipeline Hook</c> or <c>Job Hook</c>.</param>
/// <param name="StatusCode">What the receiver answered; null when it could not be reached (see <paramref name="Error"/>).</param>
/// <param name="SentAt">On the emulator's clock.</param>
public sealed record GitLabHookDelivery(
    string Id,
    string Event,
    long SubscriptionId,
    int? StatusCode,
    string? Error,
    DateTimeOffset SentAt,
    TimeSpan Duration,
    bool Redelivery,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}
