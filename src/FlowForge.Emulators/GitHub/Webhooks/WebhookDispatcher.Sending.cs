using System.Collections.ObjectModel;
using System.Globalization;
using FlowForge.Emulators.GitHub.Json;

namespace FlowForge.Emulators.GitHub.Webhooks;

/// <summary>Rendering, signing and posting one delivery, and recording the attempt.</summary>
internal sealed partial class WebhookDispatcher
{
    /// <summary>A redelivery waiting for this work learns that it will not happen: why, or that the emulator stopped.</summary>
    private static void Abandon(Work work, Exception? reason)
    {
        if (reason is null)
        {
            work.Completion?.TrySetCanceled();
        }
        else
        {
            work.Completion?.TrySetException(reason);
        }
    }

    private async Task DeliverAsync(Subscription subscription, Work work, CancellationToken stopping)
    {
        var sentAt = _runtime.Time.GetUtcNow();
        ReadOnlyMemory<byte> body;
        IReadOnlyDictionary<string, string> headers;
        WebhookDelivery delivery;
        if (work.Replay is { } replay)
        {
            (body, headers) = (replay.Body, replay.Headers);
        }
        else
        {
            try
            {
                (body, headers) = Prepare(subscription, work);
            }
            catch (InvalidOperationException e)
            {
                // The scenario refers to something the emulator cannot render; keep the failure visible, not the consumer dead.
                delivery = new WebhookDelivery(work.DeliveryId, work.Event, work.Action, subscription.Id, null, "The payload could not be rendered: " + e.Message,
                    sentAt, ReadOnlyMemory<byte>.Empty, ReadOnlyDictionary<string, string>.Empty, false, TimeSpan.Zero);
                _deliveries.Add(delivery);
                work.Completion?.TrySetResult(delivery);
                return;
            }
        }

        var outcome = await _queues.Poster.PostAsync(subscription.Url, body, headers, stopping);
        delivery = new WebhookDelivery(work.DeliveryId, work.Event, work.Action, subscription.Id, outcome.StatusCode,
            outcome.Error is null ? null : "We couldn't deliver this payload: " + outcome.Error, sentAt, body, headers, work.Replay is not null, outcome.Duration);
        _deliveries.Add(delivery);
        work.Completion?.TrySetResult(delivery);
    }

    private (ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string> Headers) Prepare(Subscription subscription, Work work)
    {
        var render = _runtime.Render();
        var body = work.Event switch
        {
            WebhookEvents.WorkflowRun => WebhookJson.WorkflowRun(work.Action!, work.Run!, render),
            WebhookEvents.WorkflowJob => WebhookJson.WorkflowJob(work.Action!, work.Job!, work.Run!, render),
            _ => WebhookJson.Ping(subscription.Hook, render),
        };
        var target = work.Run?.RepositoryId ?? subscription.RepositoryId;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Accept"] = "*/*",
            ["Content-Type"] = "application/json",
            ["User-Agent"] = UserAgent,
            ["X-GitHub-Delivery"] = work.DeliveryId,
            ["X-GitHub-Event"] = work.Event,
            ["X-GitHub-Hook-ID"] = subscription.Id.ToString(CultureInfo.InvariantCulture),
            ["X-GitHub-Hook-Installation-Target-Type"] = "repository",
        };
        if (target is { } repositoryId)
        {
            headers["X-GitHub-Hook-Installation-Target-ID"] = repositoryId.ToString(CultureInfo.InvariantCulture);
        }

        if (work.SignatureOverride is { } literal)
        {
            if (literal.Length > 0)
            {
                headers["X-Hub-Signature-256"] = literal;
            }
        }
        else if (work.Secret.Length > 0)
        {
            headers["X-Hub-Signature"] = WebhookSigner.Sha1(work.Secret, body);
            headers["X-Hub-Signature-256"] = WebhookSigner.Sha256(work.Secret, body);
        }

        return (body, headers.AsReadOnly());
    }
}
