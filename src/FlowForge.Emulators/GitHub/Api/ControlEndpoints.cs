using System.Text.Json;
using FlowForge.Emulators.Infrastructure.Control;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static FlowForge.Emulators.Infrastructure.Control.ControlJson;

namespace FlowForge.Emulators.GitHub.Api;

/// <summary>
/// <c>/_emulator/…</c>: the scenario and faults over HTTP, for scripting from a shell. Thin wrappers around the
/// C# API; no authentication, not rate limited, not faulted, not recorded. Bodies are camelCase JSON.
/// </summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        Post(routes, "/_emulator/repos", (runtime, body, _) =>
            Created(runtime.State.AddRepository(Required(body, "owner"), Required(body, "name"), Optional(body, "defaultBranch") ?? "main", Optional(body, "description"))));
        Post(routes, "/_emulator/workflows", (runtime, body, _) =>
            Created(runtime.State.AddWorkflow(Required(body, "repository"), Required(body, "name"), Required(body, "path"), Optional(body, "content"))));
        Post(routes, "/_emulator/refs", (runtime, body, _) =>
        {
            runtime.State.AddRef(Required(body, "repository"), Required(body, "ref"));
            return Results.NoContent();
        });
        Post(routes, "/_emulator/runs", (runtime, body, _) => Created(runtime.State.StartRun(
            Number(body, "workflowId"),
            new RunSpec(
                Required(body, "branch"),
                Required(body, "commitMessage"),
                Required(body, "authorName"),
                Required(body, "authorEmail"),
                Required(body, "actor"),
                Optional(body, "event") ?? "push",
                Optional(body, "headSha")))));
        Post(routes, "/_emulator/runs/{id}/begin", (runtime, _, context) => Ok(runtime.State.Begin(RouteId(context))));
        Post(routes, "/_emulator/runs/{id}/advance", (runtime, _, context) => Ok(runtime.State.Advance(RouteId(context))));
        Post(routes, "/_emulator/runs/{id}/complete", (runtime, body, context) =>
            Ok(runtime.State.Complete(RouteId(context), Required(body, "conclusion"))));
        Post(routes, "/_emulator/runs/{id}/rerun", (runtime, body, context) =>
        {
            var id = RouteId(context);
            var failedOnly = body.TryGetProperty("failedOnly", out var f) && f.ValueKind == JsonValueKind.True;
            var actor = Optional(body, "actor") ?? runtime.State.Run(id)?.Actor ?? throw new KeyNotFoundException($"Run {id} does not exist.");
            return Ok(runtime.State.Rerun(id, failedOnly ? State.RerunScope.Failed : State.RerunScope.All, actor));
        });
        Post(routes, "/_emulator/tokens", (runtime, body, _) =>
        {
            runtime.State.AddToken(Required(body, "token"), Required(body, "login"));
            return Results.NoContent();
        });
        routes.MapDelete("/_emulator/tokens/{token}", context =>
        {
            Runtime(context).State.RevokeToken(Endpoint.Route(context, "token"));
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        ControlRoutes.MapRequestsAndFaults(routes, "/_emulator", (EmulatorRuntime runtime) => runtime.Requests, runtime => runtime.Faults, Fault);
        WebhookControlEndpoints.Map(routes);
    }

    internal static void Post(IEndpointRouteBuilder routes, string pattern, Func<EmulatorRuntime, JsonElement, HttpContext, IResult> handler) =>
        ControlRoutes.Post(routes, pattern, handler);

    private static EmulatedFault Fault(JsonElement body)
    {
        var kind = Required(body, "kind").Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        var delay = TimeSpan.FromMilliseconds(Double(body, "delayMs") ?? 0);
        var retryAfter = TimeSpan.FromSeconds(Double(body, "retryAfterSeconds") ?? 60);
        EmulatedFault fault = kind switch
        {
            "SERVERERROR" => EmulatedFault.ServerError,
            "UNAUTHORIZED" => EmulatedFault.Unauthorized,
            "PRIMARYRATELIMIT" => EmulatedFault.PrimaryRateLimit,
            "SECONDARYRATELIMIT" => EmulatedFault.SecondaryRateLimit,
            "TOOMANYREQUESTS" => EmulatedFault.TooManyRequestsFor(retryAfter),
            "MALFORMEDJSON" => EmulatedFault.MalformedJson,
            "SLOWBODY" => new EmulatedFault.SlowBody(delay),
            _ => throw new ArgumentException(
                $"Unknown fault kind '{Required(body, "kind")}'; expected server_error, unauthorized, primary_rate_limit, secondary_rate_limit, too_many_requests, malformed_json or slow_body."),
        };
        return Flag(body, "includeLogHost") ? fault with { IncludeLogHost = true } : fault;
    }

    private static long RouteId(HttpContext context) =>
        Endpoint.Id(context, "id") ?? throw new KeyNotFoundException($"'{Endpoint.Route(context, "id")}' is not a run id.");

    internal static EmulatorRuntime Runtime(HttpContext context) => context.RequestServices.GetRequiredService<EmulatorRuntime>();
}
