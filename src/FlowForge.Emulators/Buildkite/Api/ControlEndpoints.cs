using System.Globalization;
using System.Text.Json;
using FlowForge.Emulators.Buildkite.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Emulators.Buildkite.Api;

/// <summary>
/// <c>/_emulator/…</c>: the scenario, faults, tokens and webhooks over HTTP, for scripting from a shell. Thin wrappers of
/// the C# API; no token, not rate limited, not faulted, not recorded. Bodies are camelCase JSON.
/// </summary>
internal static class ControlEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder routes)
    {
        const string build = "/_emulator/builds/{org}/{pipeline}/{number}";
        Post(routes, "/_emulator/organizations", (runtime, body, _) => Created(runtime.State.AddOrganization(Required(body, "slug"), Optional(body, "name"))));
        Post(routes, "/_emulator/pipelines", (runtime, body, _) => Created(runtime.State.AddPipeline(
            Required(body, "organization"), Required(body, "name"), Steps(body), Routes.Strings(body, "env"),
            Optional(body, "defaultBranch") ?? "main", Optional(body, "description"), Optional(body, "slug"))));
        Post(routes, "/_emulator/builds", (runtime, body, _) => Created(runtime.State.StartBuild(
            Required(body, "organization"),
            Required(body, "pipeline"),
            new BuildkiteBuildSpec(
                Optional(body, "branch") ?? "main", Required(body, "message"), Optional(body, "authorName") ?? "Ada Lovelace",
                Optional(body, "authorEmail") ?? "ada@example.com", Optional(body, "commit"), Optional(body, "source") ?? "webhook", Routes.Strings(body, "env")),
            creator: null)));
        Post(routes, build + "/begin", (runtime, _, context) => Ok(Change(runtime, context, BuildProgress.Begin)));
        Post(routes, build + "/advance", (runtime, body, context) =>
            Ok(Change(runtime, context, (entity, now) => BuildProgress.Advance(entity, !body.TryGetProperty("passes", out var passes) || passes.ValueKind != JsonValueKind.False, now))));
        Post(routes, build + "/complete", (runtime, body, context) =>
            Ok(Change(runtime, context, (entity, now) => BuildProgress.Complete(entity, body.TryGetProperty("passed", out var passed) && passed.ValueKind == JsonValueKind.True, entity.Creator ?? entity.Author, now))));
        Post(routes, build + "/cancel", (runtime, _, context) => Ok(Change(runtime, context, BuildProgress.Cancel)));
        Post(routes, build + "/unblock", (runtime, body, context) => Ok(new BuildkiteScenario(runtime.State).UnblockBuild(
            Routes.Value(context, "org"), Routes.Value(context, "pipeline"), Routes.Number(context), Optional(body, "jobId"), Routes.Strings(body, "fields"))));
        Post(routes, "/_emulator/faults", (runtime, body, _) =>
        {
            runtime.Faults.FailNext(body.TryGetProperty("count", out var count) ? count.GetInt32() : 1, Fault(body));
            return Results.NoContent();
        });
        Post(routes, "/_emulator/tokens", (runtime, body, _) =>
        {
            var scopes = body.TryGetProperty("scopes", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Select(scope => scope.GetString() ?? "").ToList() : null;
            runtime.State.AddToken(Required(body, "token"), new BuildkiteToken(Required(body, "name"), Required(body, "email"), scopes));
            return Results.NoContent();
        });
        Post(routes, "/_emulator/webhooks", (runtime, body, _) => Created(new
        {
            id = new BuildkiteWebhooks(runtime.Hooks).Subscribe(
                new Uri(Required(body, "url")),
                Required(body, "token"),
                string.Equals(Optional(body, "auth"), "token", StringComparison.OrdinalIgnoreCase) ? BuildkiteWebhookAuth.Token : BuildkiteWebhookAuth.Signature),
        }));
        Get(routes, "/_emulator/requests", runtime => runtime.Requests.Snapshot());
        Get(routes, "/_emulator/triggers", runtime => runtime.State.Triggers());
        Get(routes, "/_emulator/webhooks/deliveries", runtime => runtime.Hooks.Deliveries.Select(delivery => new
        {
            delivery.Id, delivery.SubscriptionId, delivery.Event, delivery.SentAt, delivery.StatusCode, delivery.Error, delivery.Headers,
            Body = System.Text.Encoding.UTF8.GetString(delivery.Body.Span),
        }));
        Delete(routes, "/_emulator/requests", runtime => runtime.Requests.Clear());
        Delete(routes, "/_emulator/faults", runtime => runtime.Faults.Clear());
        Delete(routes, "/_emulator/tokens/{token}", (runtime, context) => runtime.State.RevokeToken(Routes.Value(context, "token")));
    }

    private static BuildkiteBuild Change(BuildkiteRuntime runtime, HttpContext context, Action<BuildEntity, DateTimeOffset> change) =>
        runtime.State.Change(Routes.Value(context, "org"), Routes.Value(context, "pipeline"), Routes.Number(context), change);

    private static void Post(IEndpointRouteBuilder routes, string pattern, Func<BuildkiteRuntime, JsonElement, HttpContext, IResult> handler) =>
        routes.MapPost(pattern, async context =>
        {
            IResult result;
            try
            {
                var body = await Routes.BodyAsync(context);
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
            catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException)
            {
                result = Problem(StatusCodes.Status400BadRequest, e.Message);
            }

            await result.ExecuteAsync(context);
        });

    private static void Get(IEndpointRouteBuilder routes, string pattern, Func<BuildkiteRuntime, object> read) =>
        routes.MapGet(pattern, context => Results.Json(read(Runtime(context)), Json).ExecuteAsync(context));

    private static void Delete(IEndpointRouteBuilder routes, string pattern, Action<BuildkiteRuntime> action) =>
        Delete(routes, pattern, (runtime, _) => action(runtime));

    private static void Delete<T>(IEndpointRouteBuilder routes, string pattern, Func<BuildkiteRuntime, HttpContext, T> action) =>
        routes.MapDelete(pattern, context =>
        {
            action(Runtime(context), context);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });

    private static void Delete(IEndpointRouteBuilder routes, string pattern, Action<BuildkiteRuntime, HttpContext> action) =>
        routes.MapDelete(pattern, context =>
        {
            action(Runtime(context), context);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });

    /// <summary><c>[{"type":"command","label","command","key","softFail"},{"type":"wait"},{"type":"block","label"}]</c>; absent for one command.</summary>
    private static List<BuildkiteStep>? Steps(JsonElement body) =>
        body.TryGetProperty("steps", out var steps) && steps.ValueKind == JsonValueKind.Array
            ? [.. steps.EnumerateArray().Select(step => (Optional(step, "type") ?? "command") switch
            {
                "wait" or "waiter" => BuildkiteStep.Wait(Optional(step, "key")),
                "block" or "manual" => BuildkiteStep.Block(Required(step, "label"), Optional(step, "key")),
                _ => BuildkiteStep.Command(Required(step, "label"), Required(step, "command"), Optional(step, "key"),
                    step.TryGetProperty("softFail", out var soft) && soft.ValueKind == JsonValueKind.True),
            })]
            : null;

    private static BuildkiteFault Fault(JsonElement body) => Required(body, "kind").Replace("-", "_", StringComparison.Ordinal).ToUpperInvariant() switch
    {
        "UNAUTHORIZED" => BuildkiteFault.Unauthorized,
        "SERVER_ERROR" => BuildkiteFault.ServerError,
        "MALFORMED_JSON" => BuildkiteFault.MalformedJson,
        "TOO_MANY_REQUESTS" => BuildkiteFault.TooManyRequestsFor(TimeSpan.FromSeconds(body.TryGetProperty("retryAfterSeconds", out var seconds) ? seconds.GetDouble() : 60)),
        "SLOW_BODY" => BuildkiteFault.SlowBody(TimeSpan.FromMilliseconds(body.TryGetProperty("delayMs", out var delay) ? delay.GetDouble() : 5000)),
        var kind => throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"Unknown fault kind '{kind}'; expected unauthorized, server_error, malformed_json, too_many_requests or slow_body.")),
    };

    private static IResult Created(object value) => Results.Json(value, Json, statusCode: StatusCodes.Status201Created);

    private static IResult Ok(object value) => Results.Json(value, Json);

    private static IResult Problem(int status, string message) => Results.Json(new { message }, Json, statusCode: status);

    private static string Required(JsonElement body, string name) => Optional(body, name) ?? throw new ArgumentException($"'{name}' is required.");

    private static string? Optional(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static BuildkiteRuntime Runtime(HttpContext context) => context.RequestServices.GetRequiredService<BuildkiteRuntime>();
}
