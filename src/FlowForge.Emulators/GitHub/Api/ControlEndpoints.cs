using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Emulators.GitHub.Api;

/// <summary>
/// <c>/_emulator/…</c>: the scenario and faults over HTTP, for scripting from a shell. Thin wrappers around the
/// C# API; no authentication, not rate limited, not faulted, not recorded. Bodies are camelCase JSON.
/// </summary>
internal static class ControlEndpoints
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

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
        Post(routes, "/_emulator/faults", (runtime, body, _) =>
        {
            runtime.Faults.FailNext(body.TryGetProperty("count", out var c) ? c.GetInt32() : 1, Fault(body));
            return Results.NoContent();
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
        routes.MapDelete("/_emulator/faults", context =>
        {
            Runtime(context).Faults.Clear();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        routes.MapGet("/_emulator/requests", context => Results.Json(Runtime(context).Requests.Snapshot(), Json).ExecuteAsync(context));
        routes.MapDelete("/_emulator/requests", context =>
        {
            Runtime(context).Requests.Clear();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        WebhookControlEndpoints.Map(routes);
    }

    /// <summary>The request body as JSON, or null when it is empty or not JSON.</summary>
    internal static async Task<JsonDocument?> ReadJsonAsync(HttpContext context)
    {
        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static void Post(IEndpointRouteBuilder routes, string pattern, Func<EmulatorRuntime, JsonElement, HttpContext, IResult> handler) =>
        routes.MapPost(pattern, async context =>
        {
            using var document = await ReadJsonAsync(context);
            var body = document?.RootElement is { ValueKind: JsonValueKind.Object } root ? root : EmptyObject;
            IResult result;
            try
            {
                result = handler(Runtime(context), body, context);
            }
            catch (KeyNotFoundException e)
            {
                result = Problem(StatusCodes.Status404NotFound, e.Message);
            }
            catch (InvalidOperationException e)
            {
                result = Problem(StatusCodes.Status409Conflict, e.Message);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                result = Problem(StatusCodes.Status400BadRequest, e.Message);
            }

            await result.ExecuteAsync(context);
        });

    private static EmulatedFault Fault(JsonElement body)
    {
        var kind = Required(body, "kind").Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        var delay = TimeSpan.FromMilliseconds(body.TryGetProperty("delayMs", out var d) ? d.GetDouble() : 0);
        var retryAfter = TimeSpan.FromSeconds(body.TryGetProperty("retryAfterSeconds", out var r) ? r.GetDouble() : 60);
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
        return body.TryGetProperty("includeLogHost", out var l) && l.ValueKind == JsonValueKind.True ? fault with { IncludeLogHost = true } : fault;
    }

    internal static IResult Created(object value) => Results.Json(value, Json, statusCode: StatusCodes.Status201Created);

    internal static IResult Ok(object value) => Results.Json(value, Json);

    internal static IResult Problem(int status, string message) =>
        Results.Json(new { message }, Json, statusCode: status);

    internal static string Required(JsonElement body, string name) =>
        Optional(body, name) ?? throw new ArgumentException($"'{name}' is required.");

    internal static string? Optional(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long Number(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt64()
            : long.Parse(Required(body, name), CultureInfo.InvariantCulture);

    private static long RouteId(HttpContext context) =>
        Endpoint.Id(context, "id") ?? throw new KeyNotFoundException($"'{Endpoint.Route(context, "id")}' is not a run id.");

    internal static EmulatorRuntime Runtime(HttpContext context) => context.RequestServices.GetRequiredService<EmulatorRuntime>();

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}
