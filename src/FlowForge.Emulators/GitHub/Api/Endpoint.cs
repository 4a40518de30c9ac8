using System.Text.Json;
using FlowForge.Emulators.GitHub.Http;
using FlowForge.Emulators.GitHub.Json;
using FlowForge.Emulators.GitHub.State;
using FlowForge.Emulators.Infrastructure.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowForge.Emulators.GitHub.Api;

/// <summary>Plumbing shared by the API endpoints: mapping, route values, repository lookup, paged lists.</summary>
internal static class Endpoint
{
    public static void Get(IEndpointRouteBuilder routes, string pattern, Func<HttpContext, EmulatorRuntime, IResult> handler) =>
        routes.MapGet(pattern, RequestValues.Handler(handler));

    public static void Post(IEndpointRouteBuilder routes, string pattern, Func<HttpContext, EmulatorRuntime, IResult> handler) =>
        routes.MapPost(pattern, RequestValues.Handler(handler));

    public static string Route(HttpContext context, string name) => RequestValues.Route(context, name);

    public static long? Id(HttpContext context, string name) => RequestValues.Id(Route(context, name));

    /// <summary>The repository named by the <c>owner</c> and <c>repo</c> route values.</summary>
    public static RepositoryView? Repository(HttpContext context, EmulatorRuntime runtime) =>
        runtime.State.Repository($"{Route(context, "owner")}/{Route(context, "repo")}") is { } repository
            ? runtime.State.View(repository.Id)
            : null;

    public static string? Query(HttpContext context, string name) => RequestValues.Query(context, name);

    /// <summary>
    /// One page of <paramref name="items"/>, wrapped as <c>{"total_count": n, "<paramref name="wrapper"/>": [...]}</c>
    /// or, with no wrapper, a bare array; with GitHub's Link header.
    /// </summary>
    public static ApiResponse Paged<T>(
        HttpContext context, EmulatorRuntime runtime, IReadOnlyList<T> items, string? wrapper, string canonicalPath,
        Action<Utf8JsonWriter, T, RenderContext> writeItem)
    {
        var paging = Paging.From(context.Request);
        var page = paging.Slice(items);
        var render = runtime.Render();
        var body = JsonBody.Write(w =>
        {
            if (wrapper is not null)
            {
                w.WriteStartObject();
                w.WriteNumber("total_count", items.Count);
                w.WriteStartArray(wrapper);
            }
            else
            {
                w.WriteStartArray();
            }

            foreach (var item in page)
            {
                writeItem(w, item, render);
            }

            w.WriteEndArray();
            if (wrapper is not null)
            {
                w.WriteEndObject();
            }
        });
        return ApiResponse.Ok(body).WithHeader("Link", paging.LinkHeader(context.Request, runtime.Urls, canonicalPath, items.Count));
    }

    public static ApiResponse Object(EmulatorRuntime runtime, Action<Utf8JsonWriter, RenderContext> write)
    {
        var render = runtime.Render();
        return ApiResponse.Ok(JsonBody.Write(w => write(w, render)));
    }

    /// <summary>GitHub answers accepted actions (cancel, re-run) with an empty object.</summary>
    public static ApiResponse EmptyObject(int statusCode) => new(statusCode, "{}"u8.ToArray());
}
