using System.Text.Json;
using FlowForge.Emulators.Infrastructure.Control;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowForge.Emulators.GitHub.Api;

/// <summary><c>/_emulator/webhooks/…</c>: webhook subscriptions, pings, the delivery log and redelivery, over HTTP.</summary>
internal static class WebhookControlEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        ControlEndpoints.Post(routes, "/_emulator/webhooks", (runtime, body, _) =>
        {
            var events = body.TryGetProperty("events", out var e) && e.ValueKind == JsonValueKind.Array
                ? [.. e.EnumerateArray().Select(v => v.GetString() ?? "")]
                : GitHubWebhooks.DefaultEvents;
            var id = new GitHubWebhooks(runtime.Webhooks).Subscribe(new WebhookSubscriptionOptions
            {
                Url = new Uri(ControlJson.Required(body, "url"), UriKind.Absolute),
                Secret = ControlJson.Optional(body, "secret") ?? "",
                Events = events,
                Repository = ControlJson.Optional(body, "repository"),
            });
            return ControlJson.Created(runtime.Webhooks.Subscriptions.First(s => s.Id == id));
        });
        routes.MapGet("/_emulator/webhooks", context =>
            ControlJson.Ok(ControlEndpoints.Runtime(context).Webhooks.Subscriptions).ExecuteAsync(context));
        routes.MapDelete("/_emulator/webhooks/{id}", context =>
        {
            var removed = Endpoint.Id(context, "id") is { } id && ControlEndpoints.Runtime(context).Webhooks.Unsubscribe(id);
            context.Response.StatusCode = removed ? StatusCodes.Status204NoContent : StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        ControlEndpoints.Post(routes, "/_emulator/webhooks/{id}/pings", (runtime, _, context) =>
        {
            var id = Endpoint.Id(context, "id") ?? throw new KeyNotFoundException($"'{Endpoint.Route(context, "id")}' is not a webhook id.");
            return Results.Json(new { deliveryId = runtime.Webhooks.Ping(id) }, ControlJson.Options, statusCode: StatusCodes.Status202Accepted);
        });
        routes.MapGet("/_emulator/webhooks/deliveries", context =>
            ControlJson.Ok(ControlEndpoints.Runtime(context).Webhooks.Deliveries.Select(DeliveryView.Of).ToArray()).ExecuteAsync(context));
        routes.MapDelete("/_emulator/webhooks/deliveries", context =>
        {
            ControlEndpoints.Runtime(context).Webhooks.ClearDeliveries();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        routes.MapPost("/_emulator/webhooks/deliveries/{id}/redeliver", async context =>
        {
            IResult result;
            try
            {
                var delivery = await ControlEndpoints.Runtime(context).Webhooks.RedeliverAsync(Endpoint.Route(context, "id"), context.RequestAborted);
                result = ControlJson.Ok(DeliveryView.Of(delivery));
            }
            catch (KeyNotFoundException e)
            {
                result = ControlJson.Problem(StatusCodes.Status404NotFound, e.Message);
            }
            catch (InvalidOperationException e)
            {
                result = ControlJson.Problem(StatusCodes.Status409Conflict, e.Message);
            }

            await result.ExecuteAsync(context);
        });
    }

    /// <summary>A delivery as JSON: the body as text.</summary>
    private sealed record DeliveryView(
        string Id,
        string Event,
        string? Action,
        long SubscriptionId,
        int? StatusCode,
        string? Error,
        bool Succeeded,
        DateTimeOffset SentAt,
        double DurationMs,
        bool Redelivery,
        IReadOnlyDictionary<string, string> Headers,
        string Body)
    {
        public static DeliveryView Of(WebhookDelivery d) => new(
            d.Id, d.Event, d.Action, d.SubscriptionId, d.StatusCode, d.Error, d.Succeeded, d.SentAt, d.Duration.TotalMilliseconds, d.Redelivery, d.Headers, d.BodyText);
    }
}
