using FlowForge.Core.Access;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FlowForge.Core.Events;
using FlowForge.Server.Contracts;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace FlowForge.Server.Endpoints;

/// <summary>
/// <c>GET /api/v1/events</c>: the live stream as Server-Sent Events. Written by hand rather than with
/// <c>TypedResults.ServerSentEvents</c> because the stream needs heartbeat comments and a reset notice.
/// </summary>
internal static class EventsEndpoints
{
    public static IEndpointRouteBuilder MapEventsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/events", StreamAsync)
            .WithTags("Events")
            .WithName("StreamEvents")
            .WithSummary("Live changes as Server-Sent Events; resume with Last-Event-ID.")
            .WithDescription("Each event has an id, a type (runQueued, runStarted, runFinished, runStatusChanged, runUpdated, jobsChanged, " +
                "pipelineAdded, pipelineUpdated, pipelineRemoved, instanceHealthChanged) and a JSON body. Comments (': heartbeat') keep " +
                "idle connections open. A 'reset' event means events were missed: reload, then keep listening.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .RequireAuthorization(AccessPolicies.Viewer);
        return app;
    }

    private static async Task StreamAsync(
        [AsParameters] EventStreamParameters parameters,
        HttpContext context,
        IEventBus bus,
        IOptions<EventOptions> options,
        IOptions<JsonOptions> json,
        AccessScope scope,
        TimeProvider time)
    {
        var cancellationToken = context.RequestAborted;
        var lastEventId = ParseLastEventId(context.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? parameters.LastEventId);
        using var subscription = bus.Subscribe(lastEventId, flowEvent =>
            scope.Allows(flowEvent.InstanceId)
            && (parameters.Instance is null || string.Equals(flowEvent.InstanceId, parameters.Instance, StringComparison.Ordinal))
            && (parameters.Pipeline is null || string.Equals(flowEvent.Pipeline?.ToString(), parameters.Pipeline, StringComparison.Ordinal)));

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.WriteAsync("retry: 3000\n\n", cancellationToken);
        if (subscription.MissedEvents)
        {
            await response.WriteAsync("event: reset\ndata: {\"reason\":\"Some events are no longer available; reload and keep listening.\"}\n\n", cancellationToken);
        }

        await response.Body.FlushAsync(cancellationToken);
        var typeInfo = json.Value.SerializerOptions.GetTypeInfo(typeof(EventResponse));
        var reader = subscription.Events;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var heartbeat = new CancellationTokenSource(options.Value.HeartbeatInterval, time);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, heartbeat.Token);
                bool more;
                try
                {
                    more = await reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (heartbeat.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    await response.WriteAsync(": heartbeat\n\n", cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    continue;
                }

                if (!more)
                {
                    // Dropped for reading too slowly: ending the response makes the client reconnect and resume.
                    return;
                }

                while (reader.TryRead(out var sequenced))
                {
                    await response.WriteAsync(Format(sequenced, typeInfo), cancellationToken);
                }

                await response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private static string Format(SequencedEvent sequenced, System.Text.Json.Serialization.Metadata.JsonTypeInfo typeInfo)
    {
        var body = EventResponse.From(sequenced);
        var text = new StringBuilder(512)
            .Append("id: ").Append(sequenced.Id.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("event: ").Append(body.Type).Append('\n')
            .Append("data: ").Append(JsonSerializer.Serialize(body, typeInfo)).Append("\n\n");
        return text.ToString();
    }

    private static long? ParseLastEventId(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}

internal sealed record EventStreamParameters(
    [property: Description("Only events of this instance.")] string? Instance,
    [property: Description("Only events of this pipeline (its key, instance/id).")] string? Pipeline,
    [property: Description("Resume after this event id (the Last-Event-ID header does the same and wins).")] string? LastEventId);
