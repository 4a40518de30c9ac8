using System.Text.Json;
using FlowForge.Emulators.GitLab.Json;
using FlowForge.Emulators.GitLab.Middleware;
using FlowForge.Emulators.Infrastructure.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowForge.Emulators.GitLab.Api;

/// <summary>Plumbing the API endpoints share: mapping, route values, project lookup, JSON answers.</summary>
internal static class Endpoint
{
    public static void Get(IEndpointRouteBuilder routes, string pattern, Func<HttpContext, GitLabRuntime, IResult> handler) =>
        routes.MapGet(pattern, RequestValues.Handler(handler));

    public static void Post(IEndpointRouteBuilder routes, string pattern, Func<HttpContext, GitLabRuntime, Task<IResult>> handler) =>
        routes.MapPost(pattern, RequestValues.Handler(handler));

    /// <summary>A route value as the client meant it: GitLab's namespaced paths arrive escaped as one segment (<c>acme%2Fapi</c>).</summary>
    public static string Route(HttpContext context, string name) =>
        Uri.UnescapeDataString(RequestValues.Route(context, name));

    public static long? Id(HttpContext context, string name) => RequestValues.Id(Route(context, name));

    public static string? Query(HttpContext context, string name) => RequestValues.Query(context, name);

    public static bool Flag(HttpContext context, string name) => Query(context, name) is "true" or "1";

    /// <summary>The project the <c>:id</c> route value names, by id or path.</summary>
    public static GitLabProject? Project(HttpContext context, GitLabRuntime runtime) => runtime.State.Project(Route(context, "id"));

    public static GitLabUser Caller(HttpContext context) =>
        context.GitLabRequest()?.User ?? throw new InvalidOperationException("The gate lets no request without a user reach an endpoint.");

    public static ApiResult ProjectNotFound() => ApiResult.Message(StatusCodes.Status404NotFound, "404 Project Not Found");

    public static ApiResult NotFound(string what) => ApiResult.Message(StatusCodes.Status404NotFound, $"404 {what} Not Found");

    public static ApiResult Json(int statusCode, GitLabRuntime runtime, Action<Utf8JsonWriter, RenderContext> write)
    {
        var render = runtime.Render();
        return new ApiResult(statusCode, JsonText.Write(writer => write(writer, render)));
    }

    public static byte[] Array<T>(GitLabRuntime runtime, IReadOnlyList<T> items, Action<Utf8JsonWriter, T, RenderContext> write)
    {
        var render = runtime.Render();
        return JsonText.Write(writer =>
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                write(writer, item, render);
            }

            writer.WriteEndArray();
        });
    }
}
