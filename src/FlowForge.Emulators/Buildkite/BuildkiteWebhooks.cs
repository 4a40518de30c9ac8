using FlowForge.Emulators.Buildkite.Webhooks;
using FlowForge.Emulators.Infrastructure.Webhooks;

namespace FlowForge.Emulators.Buildkite;

/// <summary>How a webhook proves itself: Buildkite's notification service sends either one.</summary>
public enum BuildkiteWebhookAuth
{
    /// <summary><c>X-Buildkite-Signature: timestamp=…,signature=…</c>, HMAC-SHA256 over <c>{timestamp}.{body}</c> with the token.</summary>
    Signature,

    /// <summary><c>X-Buildkite-Token</c>: the token itself, in clear text (Buildkite's default).</summary>
    Token,
}

/// <summary>One delivery attempt as sent: the receiver's status code, or why it failed.</summary>
public sealed record BuildkiteWebhookDelivery(
    string Id,
    long SubscriptionId,
    string Event,
    DateTimeOffset SentAt,
    int? StatusCode,
    string? Error,
    ReadOnlyMemory<byte> Body,
    IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// Webhook notification services and their deliveries: whenever a build or job changes (through the scenario, the REST
/// API or <c>/_emulator</c>), every subscription that wants the event gets a POST of
/// <c>{"event","build","pipeline","sender"}</c> (job events add <c>job</c>; builds come without jobs), with
/// <c>X-Buildkite-Event</c> and a signature or token. Deliveries leave from a queue per subscription, in the order of the
/// changes; every attempt is recorded. Seeded history causes none; nothing is retried.
/// </summary>
public sealed class BuildkiteWebhooks
{
    private readonly HookDispatcher _dispatcher;

    internal BuildkiteWebhooks(HookDispatcher dispatcher) => _dispatcher = dispatcher;

    /// <summary>What a subscription gets when it names no events: every build and job event.</summary>
    public static IReadOnlyList<string> DefaultEvents { get; } = ["build.*", "job.*"];

    public IReadOnlyList<BuildkiteWebhookDelivery> Deliveries => _dispatcher.Deliveries;

    /// <summary>Subscribes <paramref name="url"/>; deliveries are signed with <paramref name="token"/> (or carry it, see <paramref name="auth"/>).</summary>
    /// <param name="events">Event names, <c>build.*</c>/<c>job.*</c>, or <c>*</c>; none means <see cref="DefaultEvents"/>.</param>
    /// <returns>The subscription's id.</returns>
    public long Subscribe(Uri url, string token, BuildkiteWebhookAuth auth = BuildkiteWebhookAuth.Signature, params string[] events)
    {
        ReceiverUrl.EnsureHttp(url, nameof(url));
        ArgumentException.ThrowIfNullOrEmpty(token);

        return _dispatcher.Subscribe(url, token, auth, events is { Length: > 0 } ? events : DefaultEvents);
    }

    public bool Unsubscribe(long subscriptionId) => _dispatcher.Unsubscribe(subscriptionId);

    /// <summary>Queues a <c>ping</c> delivery to the subscription.</summary>
    public void Ping(long subscriptionId) => _dispatcher.Ping(subscriptionId);

    /// <summary>Completes once every delivery caused so far has been attempted and recorded.</summary>
    public Task WhenDeliveredAsync(CancellationToken cancellationToken = default) => _dispatcher.WhenDeliveredAsync(cancellationToken);

    /// <summary>Negative-test knob: the subscription's next deliveries are signed with (or carry) <paramref name="token"/>; null restores its own.</summary>
    public void SignWithToken(long subscriptionId, string? token) => _dispatcher.SignWith(subscriptionId, token);

    /// <summary>Negative-test knob: the subscription's signatures carry a timestamp this far from the emulator's clock (a replay, a skewed clock).</summary>
    public void ShiftSignatureTime(long subscriptionId, TimeSpan offset) => _dispatcher.ShiftSignatureTime(subscriptionId, offset);

    public void ClearDeliveries() => _dispatcher.ClearDeliveries();
}
