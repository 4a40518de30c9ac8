using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Emulators.GitLab.Api;

/// <summary>
/// <c>/api/v4/_emulator/…</c>: the scenario, faults, request log and webhooks over HTTP, for scripting from a shell.
/// Thin wrappers around the C# API; no token, not throttled, not faulted, not recorded. Bodies are camelCase JSON.
/// </summary>
internal static class ControlEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder api)
    {
        var control = api.MapGroup("/_emulator");
        Post(control, "/groups", (scenario, body, _) => Created(scenario.AddGroup(Required(body, "path"), Optional(body, "name"))));
        Post(control, "/projects", (scenario, body, _) => Created(scenario.AddProject(
            Required(body, "namespace"), Required(body, "path"), Optional(body, "name"), Optional(body, "defaultBranch") ?? "main",
            Optional(body, "description"), Optional(body, "ciFile"), Optional(body, "ciConfigPath"))));
        Post(control, "/files", (scenario, body, _) =>
        {
            scenario.SetFile(Number(body, "projectId"), Required(body, "path"), Required(body, "content"), Optional(body, "ref"));
            return Results.NoContent();
        });
        Post(control, "/refs", (scenario, body, _) =>
        {
            scenario.AddRef(Number(body, "projectId"), Required(body, "ref"), body.TryGetProperty("tag", out var tag) && tag.ValueKind == JsonValueKind.True);
            return Results.NoContent();
        });
        Post(control, "/pipelines", (scenario, body, _) => Created(scenario.StartPipeline(Number(body, "projectId"), new PipelineSpec(
            Required(body, "ref"),
            Required(body, "commitMessage"),
            Optional(body, "authorName") ?? "Administrator",
            Optional(body, "authorEmail") ?? "admin@example.com",
            Optional(body, "username") ?? "root",
            Optional(body, "source") ?? "push"))));
        Post(control, "/pipelines/{id}/begin", (scenario, _, context) => Ok(scenario.BeginPipeline(RouteId(context))));
        Post(control, "/pipelines/{id}/advance", (scenario, _, context) => Ok(scenario.AdvancePipeline(RouteId(context))));
        Post(control, "/pipelines/{id}/complete", (scenario, body, context) => Ok(scenario.CompletePipeline(RouteId(context), Required(body, "status"))));
        Post(control, "/pipelines/{id}/cancel", (scenario, _, context) => Ok(scenario.CancelPipeline(RouteId(context))));
        Post(control, "/pipelines/{id}/retry", (scenario, _, context) => Ok(scenario.RetryPipeline(RouteId(context))));
        Post(control, "/jobs/{id}/play", (scenario, _, context) => Ok(scenario.PlayJob(RouteId(context))));
        Post(control, "/tokens", (scenario, body, _) =>
        {
            scenario.AddToken(Required(body, "token"), Required(body, "username"));
            return Results.NoContent();
        });
        control.MapDelete("/tokens/{token}", context =>
            Status(context, Runtime(context).State.RevokeToken(Uri.UnescapeDataString(context.Request.RouteValues["token"] as string ?? ""))));
        Post(control, "/faults", (_, body, context) =>
        {
            Runtime(context).Faults.FailNext(body.TryGetProperty("count", out var count) ? count.GetInt32() : 1, Fault(body));
            return Results.NoContent();
        });
        control.MapDelete("/faults", context =>
        {
            Runtime(context).Faults.Clear();
            return Status(context, true);
        });
        control.MapGet("/requests", context => Results.Json(Runtime(context).Requests.Snapshot(), Json).ExecuteAsync(context));
        control.MapDelete("/requests", context =>
        {
            Runtime(context).Requests.Clear();
            return Status(context, true);
        });
        control.MapGet("/triggers", context => Results.Json(Runtime(context).State.Triggers(), Json).ExecuteAsync(context));
        Post(control, "/webhooks", (_, body, context) =>
        {
            var events = body.TryGetProperty("events", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(item => item.GetString() ?? "").ToArray()
                : [];
            var hooks = new GitLabWebhooks(Runtime(context).Hooks);
            var id = hooks.Subscribe(new Uri(Required(body, "url"), UriKind.Absolute), Optional(body, "token") ?? "", events);
            return Created(hooks.Subscriptions.First(subscription => subscription.Id == id));
        });
        control.MapGet("/webhooks", context => Results.Json(Runtime(context).Hooks.Subscriptions, Json).ExecuteAsync(context));
        control.MapDelete("/webhooks/{id}", context =>
            Status(context, long.TryParse(context.Request.RouteValues["id"] as string, out var id) && Runtime(context).Hooks.Unsubscribe(id)));
        control.MapGet("/webhooks/deliveries", context => Results.Json(
            Runtime(context).Hooks.Deliveries.Select(delivery => new
            {
                delivery.Id,
                delivery.Event,
                delivery.SubscriptionId,
                delivery.StatusCode,
                delivery.Error,
                delivery.SentAt,
                DurationMs = delivery.Duration.TotalMilliseconds,
                delivery.Redelivery,
                delivery.Headers,
                Body = delivery.BodyText,
            }),
            Json).ExecuteAsync(context));
        control.MapDelete("/webhooks/deliveries", context =>
        {
            Runtime(context).Hooks.ClearDeliveries();
            return Status(context, true);
        });
    }

    private static void Post(IEndpointRouteBuilder routes, string pattern, Func<GitLabScenario, JsonElement, HttpContext, IResult> handler) =>
        routes.MapPost(pattern, async context =>
        {
            JsonElement body;
            try
            {
                using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
                body = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                body = JsonDocument.Parse("{}").RootElement.Clone();
            }

            IResult result;
            try
            {
                result = handler(new GitLabScenario(Runtime(context).State), body.ValueKind == JsonValueKind.Object ? body : JsonDocument.Parse("{}").RootElement.Clone(), context);
            }
            catch (KeyNotFoundException exception)
            {
                result = Problem(StatusCodes.Status404NotFound, exception.Message);
            }
            catch (InvalidOperationException exception)
            {
                result = Problem(StatusCodes.Status409Conflict, exception.Message);
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException)
            {
                result = Problem(StatusCodes.Status400BadRequest, exception.Message);
            }

            await result.ExecuteAsync(context);
        });

    private static GitLabFault Fault(JsonElement body)
    {
        var kind = Required(body, "kind");
        var retryAfter = TimeSpan.FromSeconds(body.TryGetProperty("retryAfterSeconds", out var seconds) ? seconds.GetDouble() : 60);
        return kind.Replace("-", "_", StringComparison.Ordinal).ToUpperInvariant() switch
        {
            "SERVER_ERROR" => GitLabFault.ServerError,
            "UNAUTHORIZED" => GitLabFault.Unauthorized,
            "MALFORMED_JSON" => GitLabFault.MalformedJson,
            "THROTTLED" => GitLabFault.Throttled(retryAfter, !(body.TryGetProperty("withoutRetryAfter", out var without) && without.ValueKind == JsonValueKind.True)),
            "SLOW_BODY" => GitLabFault.SlowBody(TimeSpan.FromMilliseconds(body.TryGetProperty("delayMs", out var delay) ? delay.GetDouble() : 0)),
            _ => throw new ArgumentException($"Unknown fault kind '{kind}'; expected server_error, unauthorized, malformed_json, throttled or slow_body."),
        };
    }

    private static Task Status(HttpContext context, bool done)
    {
        context.Response.StatusCode = done ? StatusCodes.Status204NoContent : StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static IResult Created(object value) => Results.Json(value, Json, statusCode: StatusCodes.Status201Created);

    private static IResult Ok(object value) => Results.Json(value, Json);

    private static IResult Problem(int status, string message) => Results.Json(new { message }, Json, statusCode: status);

    private static string Required(JsonElement body, string name) => Optional(body, name) ?? throw new ArgumentException($"'{name}' is required.");

    private static string? Optional(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long Number(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt64()
            : long.Parse(Required(body, name), CultureInfo.InvariantCulture);

    private static long RouteId(HttpContext context) =>
        long.TryParse(context.Request.RouteValues["id"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new KeyNotFoundException($"'{context.Request.RouteValues["id"]}' is not an id.");

    private static GitLabRuntime Runtime(HttpContext context) => context.RequestServices.GetRequiredService<GitLabRuntime>();
}
