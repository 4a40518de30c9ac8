using System.Globalization;
using System.Text.Json;
using FlowForge.Emulators.Infrastructure.Control;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static FlowForge.Emulators.Infrastructure.Control.ControlJson;

namespace FlowForge.Emulators.GitLab.Api;

/// <summary>
/// <c>/api/v4/_emulator/…</c>: the scenario, faults, request log and webhooks over HTTP, for scripting from a shell.
/// Thin wrappers around the C# API; no token, not throttled, not faulted, not recorded. Bodies are camelCase JSON.
/// </summary>
internal static class ControlEndpoints
{
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
            scenario.AddRef(Number(body, "projectId"), Required(body, "ref"), Flag(body, "tag"));
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
        ControlRoutes.MapRequestsAndFaults(control, "", (GitLabRuntime runtime) => runtime.Requests, runtime => runtime.Faults, Fault);
        control.MapGet("/triggers", context => Results.Json(Runtime(context).State.Triggers(), Options).ExecuteAsync(context));
        Post(control, "/webhooks", (_, body, context) =>
        {
            var events = body.TryGetProperty("events", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(item => item.GetString() ?? "").ToArray()
                : [];
            var hooks = new GitLabWebhooks(Runtime(context).Hooks);
            var id = hooks.Subscribe(new Uri(Required(body, "url"), UriKind.Absolute), Optional(body, "token") ?? "", events);
            return Created(hooks.Subscriptions.First(subscription => subscription.Id == id));
        });
        control.MapGet("/webhooks", context => Results.Json(Runtime(context).Hooks.Subscriptions, Options).ExecuteAsync(context));
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
            Options).ExecuteAsync(context));
        control.MapDelete("/webhooks/deliveries", context =>
        {
            Runtime(context).Hooks.ClearDeliveries();
            return Status(context, true);
        });
    }

    private static void Post(IEndpointRouteBuilder routes, string pattern, Func<GitLabScenario, JsonElement, HttpContext, IResult> handler) =>
        ControlRoutes.Post<GitLabRuntime>(routes, pattern, (runtime, body, context) => handler(new GitLabScenario(runtime.State), body, context));

    private static GitLabFault Fault(JsonElement body)
    {
        var retryAfter = TimeSpan.FromSeconds(Double(body, "retryAfterSeconds") ?? 60);
        return FaultKind(body) switch
        {
            "server_error" => GitLabFault.ServerError,
            "unauthorized" => GitLabFault.Unauthorized,
            "malformed_json" => GitLabFault.MalformedJson,
            "throttled" => GitLabFault.Throttled(retryAfter, !Flag(body, "withoutRetryAfter")),
            "slow_body" => GitLabFault.SlowBody(TimeSpan.FromMilliseconds(Double(body, "delayMs") ?? 0)),
            var kind => throw new ArgumentException($"Unknown fault kind '{kind}'; expected server_error, unauthorized, malformed_json, throttled or slow_body."),
        };
    }

    private static Task Status(HttpContext context, bool done)
    {
        context.Response.StatusCode = done ? StatusCodes.Status204NoContent : StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static long RouteId(HttpContext context) =>
        long.TryParse(context.Request.RouteValues["id"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new KeyNotFoundException($"'{context.Request.RouteValues["id"]}' is not an id.");

    private static GitLabRuntime Runtime(HttpContext context) => context.RequestServices.GetRequiredService<GitLabRuntime>();
}
