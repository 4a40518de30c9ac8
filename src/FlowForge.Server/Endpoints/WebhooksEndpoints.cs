using FlowForge.Core.Access;
using System.Buffers;
using System.Text.Json;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Errors;
using FlowForge.Core.Persistence;
using FlowForge.Core.Providers;
using FlowForge.Core.Webhooks;
using FlowForge.Server.Contracts;
using FlowForge.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FlowForge.Server.Endpoints;

/// <summary>
/// <c>POST /hooks/{instanceId}</c>: where providers deliver webhooks, outside <c>/api/v1</c> because a provider, not
/// an API client, calls it and its shape is the provider's; it takes no API key, the provider's signature is its
/// authentication. <c>GET /api/v1/instances/{id}/webhooks</c>: its counts.
/// </summary>
internal static class WebhooksEndpoints
{
    public static IEndpointRouteBuilder MapWebhooksEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/hooks/{instanceId}", ReceiveAsync)
            .WithTags("Webhooks")
            .WithName("ReceiveWebhook")
            .WithSummary("Receives a provider's webhook delivery for one instance; the body is verified, then stored.")
            .WithDescription("The body and headers are the provider's own (GitHub: X-GitHub-Event, X-GitHub-Delivery, X-Hub-Signature-256 "
                + "over the raw body with the instance's webhook secret). 202 with the outcome (accepted, duplicate, ignored); "
                + "401 when the signature fails; 400 for an event FlowForge does not handle or a body it cannot read; 404 for an "
                + "instance that does not exist or does not receive webhooks.")
            .Accepts<JsonElement>("application/json", "application/x-www-form-urlencoded")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .AllowAnonymous();
        app.MapGet("/api/v1/instances/{id}/webhooks", GetStatsAsync)
            .WithTags("Webhooks")
            .WithName("GetInstanceWebhooks")
            .WithSummary("The URL to configure as the instance's webhook, and its deliveries since the server started, by outcome.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(AccessPolicies.Admin);
        return app;
    }

    private static async Task<Results<Accepted<WebhookDeliveryResponse>, ProblemHttpResult>> ReceiveAsync(
        string instanceId, HttpRequest request, WebhookProcessor processor, IOptions<ServerOptions> options, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.ToString();
        }

        try
        {
            var outcome = await processor.ProcessAsync(instanceId, new WebhookRequest(headers, body), cancellationToken);
            return TypedResults.Accepted((string?)null, WebhookDeliveryResponse.From(outcome));
        }
        catch (WebhookRejectedException rejected)
        {
            var (status, title) = rejected.Reason switch
            {
                WebhookRejection.Signature => (StatusCodes.Status401Unauthorized, "The delivery could not be verified."),
                WebhookRejection.UnknownEvent => (StatusCodes.Status400BadRequest, "The event is not one FlowForge handles."),
                _ => (StatusCodes.Status400BadRequest, "The delivery could not be read."),
            };
            return TypedResults.Problem(
                rejected.Message,
                statusCode: status,
                title: title,
                extensions: new Dictionary<string, object?> { ["reason"] = JsonNaming.Camel(rejected.Reason.ToString()) });
        }
    }

    private static async Task<Ok<WebhookStatsResponse>> GetStatsAsync(
        string id, HttpRequest request, IInstanceRepository instances, ProviderRegistry registry, WebhookStats stats, CancellationToken cancellationToken)
    {
        var instance = await instances.FindAsync(id, cancellationToken) ?? throw new NotFoundException($"No instance '{id}'.");
        var supported = registry.Find(instance.Kind)?.Descriptor.Capabilities.HasFlag(ProviderCapabilities.Webhooks) ?? false;
        var url = supported ? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/hooks/{Uri.EscapeDataString(id)}") : null;
        return TypedResults.Ok(WebhookStatsResponse.From(id, supported, url, stats.For(id)));
    }

    /// <summary>
    /// The raw body, which is what the signature covers. The body-limit middleware refuses a declared length over the
    /// limit; this refuses a chunked body that grows past it, on every server (the test server has no limit of its own).
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.End);
                throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
            }

            if (result.IsCompleted)
            {
                var body = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return body;
            }

            // Nothing consumed, everything examined: the next read returns the whole body so far plus more.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
