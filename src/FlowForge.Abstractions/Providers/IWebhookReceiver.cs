using FlowForge.Abstractions.Domain;

namespace FlowForge.Abstractions.Providers;

/// <summary>
/// Reads the provider's webhook deliveries. Verification comes first and uses the instance's webhook secret
/// (a secret configuration field); a delivery that cannot be verified is never read.
/// </summary>
public interface IWebhookReceiver
{
    /// <summary>Verifies and reads one delivery.</summary>
    /// <exception cref="ProviderException">
    /// <see cref="ProviderErrorKind.AuthenticationFailed"/>: signature or token missing or wrong, or no webhook
    /// secret configured; <see cref="ProviderErrorKind.BadResponse"/>: the body is not what the event promises;
    /// <see cref="ProviderErrorKind.NotSupported"/>: an event FlowForge does not handle.
    /// </exception>
    WebhookDelivery Receive(WebhookRequest request);
}

/// <summary>One delivery as received: headers (case-insensitive names) and the raw body the signature covers.</summary>
public sealed record WebhookRequest(IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body);

/// <summary>What a verified delivery says changed.</summary>
/// <param name="DeliveryId">The provider's delivery id, for de-duplication (GitHub: <c>X-GitHub-Delivery</c>).</param>
/// <param name="Runs">Runs in their state at the time of the delivery.</param>
/// <param name="Jobs">Jobs, each with the native id of its run.</param>
public sealed record WebhookDelivery(string DeliveryId, string EventName, IReadOnlyList<Run> Runs, IReadOnlyList<WebhookJob> Jobs)
{
    /// <summary>A delivery that is valid but changes nothing (GitHub's <c>ping</c>).</summary>
    public bool IsEmpty => Runs.Count == 0 && Jobs.Count == 0;
}

public sealed record WebhookJob(string RunNativeId, Job Job);
