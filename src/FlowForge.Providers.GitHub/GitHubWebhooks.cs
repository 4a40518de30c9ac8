using System.Buffers;
using System.Globalization;
using System.Text;
using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Providers.GitHub.Dtos;
using Microsoft.AspNetCore.WebUtilities;

namespace FlowForge.Providers.GitHub;

/// <summary>
/// Verifies and reads GitHub webhook deliveries (<c>workflow_run</c>, <c>workflow_job</c>, <c>ping</c>) for one
/// instance. Nothing of a delivery is read before its <c>X-Hub-Signature-256</c> matched the instance's webhook secret
/// (<see cref="WebhookReceiver"/>).
/// </summary>
internal sealed class GitHubWebhooks(string instanceId, SecretValue? secret, GitHubMapper mapper)
    : WebhookReceiver(instanceId, secret)
{
    public const string EventHeader = "X-GitHub-Event";
    public const string DeliveryHeader = "X-GitHub-Delivery";
    public const string SignatureHeader = "X-Hub-Signature-256";

    private const string SignaturePrefix = "sha256=";
    private const string FormMediaType = "application/x-www-form-urlencoded";

    /// <summary>HMAC-SHA256 in hexadecimal.</summary>
    private const int SignatureDigits = 64;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    protected override string MissingSecretAdvice => "set its Webhook secret to the secret of the GitHub webhook.";

    protected override WebhookDelivery Read(WebhookRequest request)
    {
        var deliveryId = WebhookRequests.Header(request, DeliveryHeader)
            ?? throw new ProviderException(ProviderErrorKind.BadResponse, $"The delivery has no {DeliveryHeader} header.");
        var eventName = WebhookRequests.Header(request, EventHeader)
            ?? throw new ProviderException(ProviderErrorKind.BadResponse, $"The delivery has no {EventHeader} header.");

        switch (eventName)
        {
            case "ping":
                return new WebhookDelivery(deliveryId, eventName, [], []);
            case "workflow_run":
                var runEvent = ReadJson(JsonBody(request).Span, eventName, GitHubJsonContext.Default.WorkflowRunEventDto);
                return new WebhookDelivery(deliveryId, eventName, [mapper.MapRun(InstanceId, runEvent.WorkflowRun)], []);
            case "workflow_job":
                var job = ReadJson(JsonBody(request).Span, eventName, GitHubJsonContext.Default.WorkflowJobEventDto).WorkflowJob;
                var runId = job.RunId ?? throw new ProviderException(
                    ProviderErrorKind.BadResponse, $"The workflow_job delivery's job {job.Id} has no run_id.");
                return new WebhookDelivery(deliveryId, eventName, [], [new WebhookJob(runId.ToString(CultureInfo.InvariantCulture), mapper.MapJob(job))]);
            default:
                throw Unsupported("GitHub", eventName, "workflow runs and workflow jobs");
        }
    }

    /// <summary>
    /// Checks <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c> against HMAC-SHA256(secret, raw body), in constant time
    /// (<see cref="WebhookSignatures"/>).
    /// </summary>
    protected override void Verify(WebhookRequest request, SecretValue secret)
    {
        var header = WebhookRequests.Header(request, SignatureHeader)
            ?? throw Refused($"The delivery has no {SignatureHeader} header: give the GitHub webhook a secret.");
        if (!header.StartsWith(SignaturePrefix, StringComparison.Ordinal) || !IsHex(header.AsSpan(SignaturePrefix.Length), SignatureDigits))
        {
            throw Refused($"The {SignatureHeader} header is malformed; expected sha256= and 64 hexadecimal digits.");
        }

        if (!WebhookSignatures.HmacSha256HexMatches(secret, header.AsSpan(SignaturePrefix.Length), request.Body))
        {
            throw Refused($"The {SignatureHeader} signature does not match the webhook secret of instance '{InstanceId}'.");
        }
    }

    private static bool IsHex(ReadOnlySpan<char> text, int digits) => text.Length == digits && !text.ContainsAnyExcept(HexDigits);

    /// <summary>
    /// The JSON payload. GitHub sends it as the body (content type <c>application/json</c>) or, with the
    /// <c>application/x-www-form-urlencoded</c> content type its settings page offers first, as the <c>payload</c> field.
    /// </summary>
    private static ReadOnlyMemory<byte> JsonBody(WebhookRequest request)
    {
        var contentType = WebhookRequests.Header(request, "Content-Type");
        if (contentType is null || !contentType.StartsWith(FormMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return request.Body;
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(request.Body.Span));
        return form.TryGetValue("payload", out var payload) && payload.Count == 1 && !string.IsNullOrEmpty(payload[0])
            ? Encoding.UTF8.GetBytes(payload[0]!)
            : throw new ProviderException(ProviderErrorKind.BadResponse, "The form-encoded delivery has no payload field.");
    }
}
