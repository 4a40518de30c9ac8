using System.Text.Json;
using FlowForge.Emulators.Infrastructure.Faults;
using FlowForge.Emulators.Infrastructure.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Emulators.Infrastructure.Control;

/// <summary>Mapping helpers for the routed <c>/_emulator</c> endpoints, and the request-log and fault endpoints every emulator has.</summary>
internal static class ControlRoutes
{
    /// <summary>A POST with a JSON object body (empty when none), its exceptions answered by <see cref="ControlJson.Answer"/>.</summary>
    public static void Post<TRuntime>(IEndpointRouteBuilder routes, string pattern, Func<TRuntime, JsonElement, HttpContext, IResult> handler)
        where TRuntime : notnull =>
        routes.MapPost(pattern, async context =>
        {
            var body = await ControlJson.ReadObjectAsync(context);
            var runtime = context.RequestServices.GetRequiredService<TRuntime>();
            await ControlJson.Answer(() => handler(runtime, body, context)).ExecuteAsync(context);
        });

    /// <summary>A GET answering <paramref name="read"/>'s value as camelCase JSON.</summary>
    public static void Get<TRuntime>(IEndpointRouteBuilder routes, string pattern, Func<TRuntime, object> read)
        where TRuntime : notnull =>
        routes.MapGet(pattern, context => ControlJson.Ok(read(context.RequestServices.GetRequiredService<TRuntime>())).ExecuteAsync(context));

    /// <summary>A DELETE: 204 when <paramref name="delete"/> found something to delete, else 404.</summary>
    public static void Delete<TRuntime>(IEndpointRouteBuilder routes, string pattern, Func<TRuntime, HttpContext, bool> delete)
        where TRuntime : notnull =>
        routes.MapDelete(pattern, context =>
        {
            var found = delete(context.RequestServices.GetRequiredService<TRuntime>(), context);
            context.Response.StatusCode = found ? StatusCodes.Status204NoContent : StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

    /// <summary>
    /// <c>{prefix}/requests</c> (GET the log, DELETE clears it) and <c>{prefix}/faults</c> (POST <c>{"kind","count",…}</c>
    /// queues one, read by the provider's <paramref name="parseFault"/>; DELETE clears them).
    /// </summary>
    public static void MapRequestsAndFaults<TRuntime, TEntry, TFault>(
        IEndpointRouteBuilder routes, string prefix, Func<TRuntime, RequestLog<TEntry>> requests, Func<TRuntime, QueuedFaults<TFault>> faults, Func<JsonElement, TFault> parseFault)
        where TRuntime : notnull
        where TFault : class
    {
        Get<TRuntime>(routes, prefix + "/requests", runtime => requests(runtime).Snapshot());
        Delete<TRuntime>(routes, prefix + "/requests", (runtime, _) =>
        {
            requests(runtime).Clear();
            return true;
        });
        Post<TRuntime>(routes, prefix + "/faults", (runtime, body, _) =>
        {
            faults(runtime).FailNext(ControlJson.Count(body), parseFault(body));
            return Results.NoContent();
        });
        Delete<TRuntime>(routes, prefix + "/faults", (runtime, _) =>
        {
            faults(runtime).Clear();
            return true;
        });
    }
}
