using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Errors;
using FlowForge.Core.Events;
using FlowForge.Core.Instances;
using FlowForge.Core.Persistence;
using FlowForge.Core.Providers;
using FlowForge.Core.Sync;
using Microsoft.Extensions.Logging;

namespace FlowForge.Core.Webhooks;

/// <summary>
/// Applies provider webhook deliveries to the store, whatever the provider: the instance's connection verifies
/// and reads the delivery (<see cref="IWebhookReceiver"/>), this stores what it reports with the same upserts a
/// poll uses, tells what changed on the event bus and snaps the changed pipelines' polling back to fast.
/// </summary>
public sealed partial class WebhookProcessor(
    IInstanceRepository instances,
    ProviderConnections connections,
    ISyncStore store,
    IEventBus events,
    IActivitySignal activity,
    WebhookStats stats,
    TimeProvider time,
    ILogger<WebhookProcessor> logger) : IInstanceMemory
{
    /// <summary>Delivery ids remembered per instance for de-duplication.</summary>
    public const int RememberedDeliveriesPerInstance = 10_000;

    /// <summary>Far above any provider's delivery id (GitHub: a 36-character GUID); bounds what the memory holds.</summary>
    private const int MaxDeliveryIdLength = 200;

    private readonly DeliveryMemory _applied = new(RememberedDeliveriesPerInstance);

    /// <summary>A removed instance's delivery ids are no longer needed; one added later under its id starts clean.</summary>
    public void Forget(string instanceId) => _applied.Forget(instanceId);

    /// <exception cref="NotFoundException">No such instance, or its provider does not receive webhooks.</exception>
    /// <exception cref="WebhookRejectedException">The delivery failed verification or could not be read; nothing was stored.</exception>
    public async Task<WebhookOutcome> ProcessAsync(string instanceId, WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var receiver = await FindReceiverAsync(instanceId, cancellationToken);
        var delivery = Receive(instanceId, receiver, request);
        if (_applied.Contains(instanceId, delivery.DeliveryId))
        {
            stats.Count(instanceId, WebhookCountedOutcome.Duplicate);
            LogDuplicate(instanceId, delivery.EventName, delivery.DeliveryId);
            return new WebhookOutcome(WebhookResult.Duplicate, delivery.DeliveryId, delivery.EventName, 0, 0);
        }

        if (delivery.IsEmpty)
        {
            stats.Count(instanceId, WebhookCountedOutcome.Ignored);
            return new WebhookOutcome(WebhookResult.Ignored, delivery.DeliveryId, delivery.EventName, 0, 0);
        }

        (int Runs, int Jobs) changed;
        try
        {
            changed = await ApplyAsync(instanceId, delivery, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            stats.Count(instanceId, WebhookCountedOutcome.Failed);
            throw;
        }

        // Only now: a delivery whose write failed must be applied when the provider sends it again.
        _applied.Remember(instanceId, delivery.DeliveryId);
        stats.Count(instanceId, WebhookCountedOutcome.Accepted);
        LogAccepted(instanceId, delivery.EventName, delivery.DeliveryId, changed.Runs, changed.Jobs);
        return new WebhookOutcome(WebhookResult.Accepted, delivery.DeliveryId, delivery.EventName, changed.Runs, changed.Jobs);
    }

    private async Task<IWebhookReceiver> FindReceiverAsync(string instanceId, CancellationToken cancellationToken)
    {
        var instance = string.IsNullOrWhiteSpace(instanceId) ? null : await instances.FindAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            stats.Count(instanceId, WebhookCountedOutcome.UnknownInstance);
            throw new NotFoundException($"No instance '{instanceId}'.");
        }

        IProviderConnection connection;
        try
        {
            connection = await connections.GetAsync(instance, cancellationToken);
        }
        catch (ProviderException)
        {
            // The instance is misconfigured (its token unavailable, its plugin gone): the delivery is lost to it.
            stats.Count(instanceId, WebhookCountedOutcome.Failed);
            throw;
        }

        if (connection is not IWebhookReceiver receiver)
        {
            stats.Count(instanceId, WebhookCountedOutcome.UnknownInstance);
            throw new NotFoundException($"Instance '{instanceId}' does not receive webhooks: its {instance.Kind} provider has none.");
        }

        return receiver;
    }

    private WebhookDelivery Receive(string instanceId, IWebhookReceiver receiver, WebhookRequest request)
    {
        WebhookRejection reason;
        string message;
        Exception inner;
        try
        {
            var delivery = receiver.Receive(request);
            if (string.IsNullOrWhiteSpace(delivery.DeliveryId) || delivery.DeliveryId.Length > MaxDeliveryIdLength)
            {
                throw new ProviderException(ProviderErrorKind.BadResponse, "The delivery id is missing or longer than any provider's.");
            }

            return delivery;
        }
        catch (ProviderException exception) when (exception.Kind is ProviderErrorKind.AuthenticationFailed)
        {
            (reason, message, inner) = (WebhookRejection.Signature, exception.Message, exception);
        }
        catch (ProviderException exception) when (exception.Kind is ProviderErrorKind.NotSupported)
        {
            (reason, message, inner) = (WebhookRejection.UnknownEvent, exception.Message, exception);
        }
        catch (ProviderException exception) when (exception.Kind is ProviderErrorKind.BadResponse)
        {
            (reason, message, inner) = (WebhookRejection.Malformed, exception.Message, exception);
        }

        stats.Count(instanceId, reason switch
        {
            WebhookRejection.Signature => WebhookCountedOutcome.RejectedSignature,
            WebhookRejection.UnknownEvent => WebhookCountedOutcome.RejectedUnknownEvent,
            _ => WebhookCountedOutcome.RejectedMalformed,
        });
        // A forged or broken delivery deserves attention; an event the hook was merely subscribed to does not.
        LogRejected(reason == WebhookRejection.UnknownEvent ? LogLevel.Information : LogLevel.Warning, instanceId, reason, message);
        throw new WebhookRejectedException(reason, message, inner);
    }

    private async Task<(int Runs, int Jobs)> ApplyAsync(string instanceId, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var flowEvents = new List<FlowEvent>();
        var activePipelines = new HashSet<PipelineKey>();

        // Runs first: a delivery carrying a run and its jobs then finds the run stored.
        var runChanges = delivery.Runs.Count > 0
            ? await store.UpsertRunsAsync(instanceId, delivery.Runs, cancellationToken)
            : new RunChanges([]);
        flowEvents.AddRange(ChangeEvents.From(instanceId, runChanges, now));
        activePipelines.UnionWith(runChanges.Changed.Select(change => change.Run.Pipeline));

        // A job of a run that is not stored (yet) is skipped; the next poll brings the run with its jobs.
        var jobsChangedRuns = new Dictionary<(PipelineKey, string), Run>();
        foreach (var webhookJob in delivery.Jobs)
        {
            if (await store.UpsertJobAsync(instanceId, webhookJob.RunNativeId, webhookJob.Job, cancellationToken) is { } run)
            {
                jobsChangedRuns[(run.Pipeline, run.NativeId)] = run;
            }
        }

        flowEvents.AddRange(jobsChangedRuns.Values.Select(run => ChangeEvents.JobsChanged(instanceId, run, now)));
        activePipelines.UnionWith(jobsChangedRuns.Values.Select(run => run.Pipeline));

        if (flowEvents.Count > 0)
        {
            await events.PublishAsync(flowEvents, cancellationToken);
        }

        foreach (var pipeline in activePipelines)
        {
            activity.PipelineActive(pipeline);
        }

        return (runChanges.Changed.Count, jobsChangedRuns.Count);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook {EventName} {DeliveryId} for {InstanceId}: {RunsChanged} runs and the jobs of {JobsChanged} runs changed")]
    private partial void LogAccepted(string instanceId, string eventName, string deliveryId, int runsChanged, int jobsChanged);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook {EventName} {DeliveryId} for {InstanceId} was applied before; ignored")]
    private partial void LogDuplicate(string instanceId, string eventName, string deliveryId);

    [LoggerMessage(Message = "Refused a webhook delivery for {InstanceId} ({Reason}): {Error}")]
    private partial void LogRejected(LogLevel level, string instanceId, WebhookRejection reason, string error);
}
