using System.Text;

namespace FlowForge.Emulators.GitHub;

/// <summary>What <see cref="GitHubWebhooks.Subscribe(WebhookSubscriptionOptions)"/> subscribes.</summary>
public sealed class WebhookSubscriptionOptions
{
    /// <summary>Where deliveries are POSTed.</summary>
    public required Uri Url { get; init; }

    /// <summary>The webhook secret; empty sends unsigned deliveries (no <c>X-Hub-Signature*</c> headers), as GitHub does for a hook without one.</summary>
    public string Secret { get; init; } = "";

    /// <summary>The events to deliver (<c>*</c> for all); <c>ping</c> is always delivered.</summary>
    public IReadOnlyList<string> Events { get; init; } = GitHubWebhooks.DefaultEvents;

    /// <summary>
    /// Only events of this repository (<c>owner/name</c>), like a repository webhook on GitHub; null delivers the events of
    /// every repository. Either way, <c>X-GitHub-Hook-Installation-Target-ID</c> names the event's repository.
    /// </summary>
    public string? Repository { get; init; }
}

/// <summary>A webhook subscription (the secret is not shown, as on GitHub).</summary>
/// <param name="Id">The hook id, sent as <c>X-GitHub-Hook-ID</c>.</param>
/// <param name="Repository">The repository it is limited to, or null for all.</param>
public sealed record WebhookSubscription(long Id, Uri Url, IReadOnlyList<string> Events, string? Repository, bool HasSecret, DateTimeOffset CreatedAt);

/// <summary>One attempt to deliver a webhook, as GitHub's "Recent Deliveries" shows it.</summary>
/// <param name="Id">The delivery GUID (<c>X-GitHub-Delivery</c>); a redelivery keeps it.</param>
/// <param name="Event"><c>workflow_run</c>, <c>workflow_job</c> or <c>ping</c>.</param>
/// <param name="Action">The payload's <c>action</c> (<c>requested</c>, <c>queued</c>, <c>in_progress</c>, <c>completed</c>); null for a ping.</param>
/// <param name="StatusCode">The receiver's status code; null when no response came (see <paramref name="Error"/>).</param>
/// <param name="Error">Why no response came (connection refused, timeout); null when one did.</param>
/// <param name="SentAt">When the attempt started, on the emulator's clock.</param>
/// <param name="Body">The raw JSON body, exactly as sent and signed.</param>
/// <param name="Headers">The request headers as sent.</param>
/// <param name="Redelivery">True for an attempt made by <see cref="GitHubWebhooks.RedeliverAsync"/>.</param>
/// <param name="Duration">How long the attempt took (real time).</param>
public sealed record WebhookDelivery(
    string Id,
    string Event,
    string? Action,
    long SubscriptionId,
    int? StatusCode,
    string? Error,
    DateTimeOffset SentAt,
    ReadOnlyMemory<byte> Body,
    IReadOnlyDictionary<string, string> Headers,
    bool Redelivery,
    TimeSpan Duration)
{
    /// <summary>GitHub counts a delivery as successful when the receiver answered 2xx.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>The body as text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);
}
