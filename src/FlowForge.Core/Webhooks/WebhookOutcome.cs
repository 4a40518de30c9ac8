namespace FlowForge.Core.Webhooks;

/// <summary>What became of a verified delivery.</summary>
public enum WebhookResult
{
    /// <summary>Applied: what it reported is stored (it may have changed nothing, as a late delivery does).</summary>
    Accepted,

    /// <summary>Already applied under the same delivery id: nothing was written or published.</summary>
    Duplicate,

    /// <summary>Valid but carrying nothing to store (GitHub's <c>ping</c>).</summary>
    Ignored,
}

/// <summary>A verified delivery's result.</summary>
/// <param name="RunsChanged">Runs the delivery added or changed in the store.</param>
/// <param name="JobsChanged">Runs whose jobs the delivery changed.</param>
public sealed record WebhookOutcome(WebhookResult Result, string DeliveryId, string EventName, int RunsChanged, int JobsChanged);

/// <summary>Why a delivery was refused; each maps to its own HTTP status and counter.</summary>
public enum WebhookRejection
{
    /// <summary>Signature or token missing, malformed or wrong, or no webhook secret configured.</summary>
    Signature,

    /// <summary>An event FlowForge does not handle.</summary>
    UnknownEvent,

    /// <summary>The body or a required header is not what the event promises.</summary>
    Malformed,
}

/// <summary>A delivery refused before anything was stored. The message is the provider's, written never to quote a secret.</summary>
public sealed class WebhookRejectedException : Exception
{
    public WebhookRejectedException(WebhookRejection reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public WebhookRejectedException()
        : this(WebhookRejection.Malformed, "The delivery was refused.")
    {
    }

    public WebhookRejectedException(string message)
        : this(WebhookRejection.Malformed, message)
    {
    }

    public WebhookRejectedException(string message, Exception innerException)
        : this(WebhookRejection.Malformed, message, innerException)
    {
    }

    public WebhookRejection Reason { get; }
}
