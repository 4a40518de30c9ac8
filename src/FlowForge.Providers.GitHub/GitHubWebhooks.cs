using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Providers.GitHub.Dtos;
using Microsoft.AspNetCore.WebUtilities;

namespace FlowForge.Providers.GitHub;

/// <summary>
/// Verifies and reads GitHub webhook deliveries (<c>workflow_run</c>, <c>workflow_job</c>, <c>ping</c>) for one
/// instance. Nothing of a delivery is read before its <c>X-Hub-Signature-256</c> matched the instance's webhook secret.
/// Messages never quote the secret or the signature: a refused delivery's sender learns only which check failed.
/// </summary>
internal sealed class GitHubWebhooks(string instanceId, SecretValue? secret, GitHubMapper mapper)
{
    public const string EventHeader = "X-GitHub-Event";
    public const string DeliveryHeader = "X-GitHub-Delivery";
    public const string SignatureHeader = "X-Hub-Signature-256";

    private const string SignaturePrefix = "sha256=";
    private const string FormMediaType = "application/x-www-form-urlencoded";

    public WebhookDelivery Receive(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Verify(secret, request, instanceId);

        var deliveryId = Header(request, DeliveryHeader)
            ?? throw new ProviderException(ProviderErrorKind.BadResponse, $"The delivery has no {DeliveryHeader} header.");
        var eventName = Header(request, EventHeader)
            ?? throw new ProviderException(ProviderErrorKind.BadResponse, $"The delivery has no {EventHeader} header.");

        switch (eventName)
        {
            case "ping":
                return new WebhookDelivery(deliveryId, eventName, [], []);
            case "workflow_run":
                var runEvent = Read(request, eventName, GitHubJsonContext.Default.WorkflowRunEventDto);
                return new WebhookDelivery(deliveryId, eventName, [mapper.MapRun(instanceId, runEvent.WorkflowRun)], []);
            case "workflow_job":
                var job = Read(request, eventName, GitHubJsonContext.Default.WorkflowJobEventDto).WorkflowJob;
                var runId = job.RunId ?? throw new ProviderException(
                    ProviderErrorKind.BadResponse, $"The workflow_job delivery's job {job.Id} has no run_id.");
                return new WebhookDelivery(deliveryId, eventName, [], [new WebhookJob(runId.ToString(CultureInfo.InvariantCulture), mapper.MapJob(job))]);
            default:
                // The event name comes from an authenticated sender, but is still bounded before it reaches a message.
                var shown = eventName.Length > 64 ? string.Concat(eventName.AsSpan(0, 64), "…") : eventName;
                throw new ProviderException(
                    ProviderErrorKind.NotSupported,
                    $"FlowForge does not handle the GitHub event '{shown}'; subscribe the webhook to workflow runs and workflow jobs only.");
        }
    }

    /// <summary>
    /// Checks <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c> against HMAC-SHA256(secret, raw body), comparing the decoded
    /// bytes in constant time so the time taken tells nothing about how much of a forged signature was right.
    /// </summary>
    internal static void Verify(SecretValue? secret, WebhookRequest request, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (secret is null)
        {
            throw Refused($"No webhook secret is configured for instance '{instanceId}': set its Webhook secret to the secret of the GitHub webhook.");
        }

        var header = Header(request, SignatureHeader)
            ?? throw Refused($"The delivery has no {SignatureHeader} header: give the GitHub webhook a secret.");
        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (!header.StartsWith(SignaturePrefix, StringComparison.Ordinal)
            || header.Length != SignaturePrefix.Length + (2 * HMACSHA256.HashSizeInBytes)
            || Convert.FromHexString(header.AsSpan(SignaturePrefix.Length), given, out _, out _) != OperationStatus.Done)
        {
            throw Refused($"The {SignatureHeader} header is malformed; expected sha256= and 64 hexadecimal digits.");
        }

        var key = Encoding.UTF8.GetBytes(secret.Reveal());
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        try
        {
            HMACSHA256.HashData(key, request.Body.Span, expected);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            throw Refused($"The {SignatureHeader} signature does not match the webhook secret of instance '{instanceId}'.");
        }
    }

    private static T Read<T>(WebhookRequest request, string eventName, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(JsonBody(request).Span, typeInfo)
                ?? throw new ProviderException(ProviderErrorKind.BadResponse, $"The {eventName} delivery's body is null.");
        }
        catch (JsonException exception)
        {
            throw new ProviderException(
                ProviderErrorKind.BadResponse, $"The {eventName} delivery is not JSON FlowForge can read: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// The JSON payload. GitHub sends it as the body (content type <c>application/json</c>) or, with the
    /// <c>application/x-www-form-urlencoded</c> content type its settings page offers first, as the <c>payload</c> field.
    /// </summary>
    private static ReadOnlyMemory<byte> JsonBody(WebhookRequest request)
    {
        var contentType = Header(request, "Content-Type");
        if (contentType is null || !contentType.StartsWith(FormMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return request.Body;
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(request.Body.Span));
        return form.TryGetValue("payload", out var payload) && payload.Count == 1 && !string.IsNullOrEmpty(payload[0])
            ? Encoding.UTF8.GetBytes(payload[0]!)
            : throw new ProviderException(ProviderErrorKind.BadResponse, "The form-encoded delivery has no payload field.");
    }

    /// <summary>A header's value, empty counting as missing; names are matched case-insensitively whatever the dictionary's comparer.</summary>
    private static string? Header(WebhookRequest request, string name)
    {
        if (!request.Headers.TryGetValue(name, out var value))
        {
            value = request.Headers.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        }

        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static ProviderException Refused(string message) => new(ProviderErrorKind.AuthenticationFailed, message);
}
