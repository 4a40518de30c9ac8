using FlowForge.Core.Webhooks;

namespace FlowForge.Server.Contracts;

/// <param name="Outcome"><c>accepted</c> (stored), <c>duplicate</c> (applied before; nothing done) or <c>ignored</c> (nothing to store, like a ping).</param>
public sealed record WebhookDeliveryResponse(string Outcome, string DeliveryId)
{
    public static WebhookDeliveryResponse From(WebhookOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new WebhookDeliveryResponse(JsonNaming.Camel(outcome.Result.ToString()), outcome.DeliveryId);
    }
}

/// <summary>An instance's webhook deliveries since the server started, and where its provider should send them.</summary>
/// <param name="Supported">Whether the instance's provider receives webhooks at all.</param>
/// <param name="Url">The address to configure as the provider's webhook (null when not supported). Behind a proxy it is only as right as the forwarded headers.</param>
public sealed record WebhookStatsResponse(
    string InstanceId,
    bool Supported,
    Uri? Url,
    long Accepted,
    long Duplicate,
    long Ignored,
    WebhookRejectionsResponse Rejected,
    long Failed,
    DateTimeOffset? LastReceivedAt,
    DateTimeOffset? LastAcceptedAt)
{
    public static WebhookStatsResponse From(string instanceId, bool supported, Uri? url, WebhookCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new WebhookStatsResponse(
            instanceId,
            supported,
            url,
            counts.Accepted,
            counts.Duplicate,
            counts.Ignored,
            new WebhookRejectionsResponse(counts.RejectedSignature, counts.RejectedUnknownEvent, counts.RejectedMalformed),
            counts.Failed,
            counts.LastReceivedAt,
            counts.LastAcceptedAt);
    }
}

/// <param name="Signature">Signature or token missing, malformed or wrong, or no webhook secret configured (401).</param>
/// <param name="UnknownEvent">Events FlowForge does not handle (400).</param>
/// <param name="Malformed">Bodies or headers that could not be read (400).</param>
public sealed record WebhookRejectionsResponse(long Signature, long UnknownEvent, long Malformed);
