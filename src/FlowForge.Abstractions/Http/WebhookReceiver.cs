using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;

namespace FlowForge.Abstractions.Http;

/// <summary>
/// The shape every provider's webhook receiver shares: without a webhook secret every delivery is refused; with one, a
/// delivery is verified before anything of it is read, and only then read as the provider's events. A provider supplies
/// how it verifies (a signature, a token) and how it reads its events. Messages never quote the secret, a token or a
/// signature: a refused sender learns only which check failed.
/// </summary>
public abstract class WebhookReceiver(string instanceId, SecretValue? secret) : IWebhookReceiver
{
    /// <summary>Event names come from a verified sender, but are still bounded before they reach a message.</summary>
    private const int MaxShownEventLength = 64;

    protected string InstanceId => instanceId;

    /// <summary>What to configure, in the provider's words, for the refusal when no secret is set.</summary>
    protected abstract string MissingSecretAdvice { get; }

    public WebhookDelivery Receive(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (secret is null)
        {
            throw Refused($"No webhook secret is configured for instance '{instanceId}': {MissingSecretAdvice}");
        }

        Verify(request, secret);
        return Read(request);
    }

    /// <summary>Checks that the delivery comes from the provider; throws <see cref="Refused"/> when it does not.</summary>
    protected abstract void Verify(WebhookRequest request, SecretValue secret);

    /// <summary>Reads a verified delivery.</summary>
    protected abstract WebhookDelivery Read(WebhookRequest request);

    protected static ProviderException Refused(string message) => new(ProviderErrorKind.AuthenticationFailed, message);

    /// <summary>A delivery's JSON payload; null or unreadable JSON is a <see cref="ProviderErrorKind.BadResponse"/>.</summary>
    /// <param name="eventName">What the delivery is, for messages (<c>Pipeline Hook</c>).</param>
    protected static T ReadJson<T>(ReadOnlySpan<byte> json, string eventName, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, typeInfo)
                ?? throw new ProviderException(ProviderErrorKind.BadResponse, $"The {eventName} delivery's body is null.");
        }
        catch (JsonException exception)
        {
            throw new ProviderException(ProviderErrorKind.BadResponse, $"The {eventName} delivery is not JSON FlowForge can read: {exception.Message}", exception);
        }
    }

    /// <summary>An event FlowForge does not handle: a <see cref="ProviderErrorKind.NotSupported"/> saying what to subscribe to.</summary>
    /// <param name="subscribeTo">The events the webhook should send (<c>pipeline events and job events</c>).</param>
    protected static ProviderException Unsupported(string provider, string eventName, string subscribeTo)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        var shown = eventName.Length > MaxShownEventLength ? string.Concat(eventName.AsSpan(0, MaxShownEventLength), "…") : eventName;
        return new ProviderException(
            ProviderErrorKind.NotSupported, $"FlowForge does not handle the {provider} event '{shown}'; subscribe the webhook to {subscribeTo} only.");
    }
}
