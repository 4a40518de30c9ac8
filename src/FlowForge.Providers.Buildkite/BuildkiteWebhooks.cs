using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Providers.Buildkite.Dtos;

namespace FlowForge.Providers.Buildkite;

/// <summary>
/// Verifies and reads Buildkite webhook deliveries (<c>build.*</c>, <c>job.*</c>, <c>ping</c>) for one instance. Nothing
/// of a delivery is read before it is verified with the instance's webhook token: preferably
/// <c>X-Buildkite-Signature: timestamp=…,signature=…</c> (HMAC-SHA256 over <c>{timestamp}.{body}</c>, and the timestamp
/// within <see cref="FreshnessWindow"/> of now, so a captured delivery cannot be replayed later), else the clear-text
/// <c>X-Buildkite-Token</c> Buildkite sends by default (<see cref="WebhookReceiver"/>).
/// </summary>
internal sealed class BuildkiteWebhooks(string instanceId, SecretValue? secret, BuildkiteMapper mapper, TimeProvider time)
    : WebhookReceiver(instanceId, secret)
{
    public const string EventHeader = "X-Buildkite-Event";
    public const string SignatureHeader = "X-Buildkite-Signature";
    public const string TokenHeader = "X-Buildkite-Token";

    /// <summary>How far a signature's timestamp may be from now, either way (Buildkite's docs suggest five minutes).</summary>
    public static TimeSpan FreshnessWindow { get; } = TimeSpan.FromMinutes(5);

    protected override string MissingSecretAdvice => "set its Webhook token to the token of the Buildkite webhook.";

    protected override WebhookDelivery Read(WebhookRequest request)
    {
        var body = ReadJson(request.Body.Span, "Buildkite", BuildkiteJsonContext.Default.WebhookDto);
        var eventName = WebhookRequests.Header(request, EventHeader) ?? body.Event
            ?? throw new ProviderException(ProviderErrorKind.BadResponse, $"The delivery has no {EventHeader} header and no event.");

        // Buildkite sends no delivery id; identical bodies are the same delivery (a redelivery or a replay).
        var deliveryId = $"{eventName}:{Convert.ToHexStringLower(SHA256.HashData(request.Body.Span))[..32]}";
        if (eventName == "ping")
        {
            return new WebhookDelivery(deliveryId, eventName, [], []);
        }

        if (!eventName.StartsWith("build.", StringComparison.Ordinal) && !eventName.StartsWith("job.", StringComparison.Ordinal))
        {
            throw Unsupported("Buildkite", eventName, "build and job events");
        }

        var build = body.Build ?? throw new ProviderException(ProviderErrorKind.BadResponse, $"The {eventName} delivery has no build.");
        var slug = body.Pipeline?.Slug ?? build.Pipeline?.Slug
            ?? throw new ProviderException(ProviderErrorKind.BadResponse, $"The {eventName} delivery names no pipeline.");

        // Deliveries carry the build without its jobs; the run is read from it, and a job event adds its job.
        var run = mapper.MapRun(InstanceId, slug, build with { Jobs = body.Job is { } only ? [only] : null });
        IReadOnlyList<WebhookJob> jobs = body.Job is { } job ? [new WebhookJob(run.NativeId, mapper.MapJob(job, build))] : [];
        return new WebhookDelivery(deliveryId, eventName, [run], jobs);
    }

    protected override void Verify(WebhookRequest request, SecretValue secret)
    {
        if (WebhookRequests.Header(request, SignatureHeader) is { } signature)
        {
            VerifySignature(secret, signature, request.Body);
        }
        else if (WebhookRequests.Header(request, TokenHeader) is { } token)
        {
            if (!WebhookRequests.SecretMatches(secret, token))
            {
                throw Refused($"The {TokenHeader} does not match the webhook token of instance '{InstanceId}'.");
            }
        }
        else
        {
            throw Refused($"The delivery has neither {SignatureHeader} nor {TokenHeader}: give the Buildkite webhook a token.");
        }
    }

    /// <summary><c>timestamp=1619071700,signature=&lt;hex&gt;</c>: the signature first, then the timestamp's freshness (it is only trusted once signed).</summary>
    private void VerifySignature(SecretValue secret, string header, ReadOnlyMemory<byte> body)
    {
        var parts = header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First()[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("timestamp", out var timestamp) || !parts.TryGetValue("signature", out var signature)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            throw Refused($"The {SignatureHeader} header is malformed; expected timestamp=<unix seconds>,signature=<64 hexadecimal digits>.");
        }

        if (!WebhookSignatures.HmacSha256HexMatches(secret, signature, Encoding.UTF8.GetBytes(timestamp + "."), body))
        {
            throw Refused($"The {SignatureHeader} does not match the webhook token of instance '{InstanceId}'.");
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799));
        if (age.Duration() > FreshnessWindow)
        {
            throw Refused($"The delivery was signed {(int)Math.Round(age.TotalMinutes)} minutes away from now, outside the {FreshnessWindow.TotalMinutes:0}-minute window: a replay, or a clock out of step.");
        }
    }
}
