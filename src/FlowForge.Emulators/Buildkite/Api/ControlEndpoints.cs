using System.Globalization;
using System.Text.Json;
using FlowForge.Emulators.Buildkite.State;
using FlowForge.Emulators.Infrastructure.Control;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static FlowForge.Emulators.Infrastructure.Control.ControlJson;

namespace FlowForge.Emulators.Buildkite.Api;

/// <summary>
/// <c>/_emulator/…</c>: the scenario, faults, tokens and webhooks over HTTP, for scripting from a shell. Thin wrappers of
/// the C# API; no token, not rate limited, not faulted, not recorded. Bodies are camelCase JSON.
/// </summary>
internal static class ControlEndpoints
{
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
        Get(routes, "/_emulator/triggers", runtime => runtime.State.Triggers());
        Get(routes, "/_emulator/webhooks/deliveries", runtime => runtime.Hooks.Deliveries.Select(delivery => new
        {
            delivery.Id, delivery.SubscriptionId, delivery.Event, delivery.SentAt, delivery.StatusCode, delivery.Error, delivery.Headers,
            Body = System.Text.Encoding.UTF8.GetString(delivery.Body.Span),
        }));
        ControlRoutes.MapRequestsAndFaults(routes, "/_emulator", (BuildkiteRuntime runtime) => runtime.Requests, runtime => runtime.Faults, Fault);
        Delete(routes, "/_emulator/tokens/{token}", (runtime, context) => runtime.State.RevokeToken(Routes.Value(context, "token")));
    }

    private static BuildkiteBuild Change(BuildkiteRuntime runtime, HttpContext context, Action<BuildEntity, DateTimeOffset> change) =>
        runtime.State.Change(Routes.Value(context, "org"), Routes.Value(context, "pipeline"), Routes.Number(context), change);

    private static void Post(IEndpointRouteBuilder routes, string pattern, Func<BuildkiteRuntime, JsonElement, HttpContext, IResult> handler) =>
        ControlRoutes.Post(routes, pattern, handler);

    private static void Get(IEndpointRouteBuilder routes, string pattern, Func<BuildkiteRuntime, object> read) => ControlRoutes.Get(routes, pattern, read);

    private static void Delete(IEndpointRouteBuilder routes, string pattern, Action<BuildkiteRuntime, HttpContext> action) =>
        ControlRoutes.Delete<BuildkiteRuntime>(routes, pattern, (runtime, context) =>
        {
            action(runtime, context);
            return true;
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

    private static BuildkiteFault Fault(JsonElement body) => FaultKind(body) switch
    {
        "unauthorized" => BuildkiteFault.Unauthorized,
        "server_error" => BuildkiteFault.ServerError,
        "malformed_json" => BuildkiteFault.MalformedJson,
        "too_many_requests" => BuildkiteFault.TooManyRequestsFor(TimeSpan.FromSeconds(Double(body, "retryAfterSeconds") ?? 60)),
        "slow_body" => BuildkiteFault.SlowBody(TimeSpan.FromMilliseconds(Double(body, "delayMs") ?? 5000)),
        var kind => throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"Unknown fault kind '{kind}'; expected unauthorized, server_error, malformed_json, too_many_requests or slow_body.")),
    };
}
