using System.Text.Json;
using FlowForge.Emulators.Buildkite.Http;
using FlowForge.Emulators.Buildkite.State;
using FlowForge.Emulators.Infrastructure.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Emulators.Buildkite.Api;

/// <summary>
/// Plumbing of the API endpoints: mapping, route values, scopes, and Buildkite's answers to what the state refuses
/// (<see cref="RefusedException"/> → its status with <c>{"message"}</c>, a missing resource → 404).
/// </summary>
internal static class Routes
{
    public static void Map(IEndpointRouteBuilder routes, string method, string pattern, Func<HttpContext, BuildkiteRuntime, Task<IResult>> handler) =>
        routes.MapMethods(pattern, [method], async context =>
        {
            var runtime = context.RequestServices.GetRequiredService<BuildkiteRuntime>();
            IResult result;
            try
            {
                result = await handler(context, runtime);
            }
            catch (RefusedException refused)
            {
                result = Reply.Error(refused.Status, refused.Message);
            }
            catch (KeyNotFoundException)
            {
                result = Reply.NotFound();
            }

            await result.ExecuteAsync(context);
        });

    public static void Get(IEndpointRouteBuilder routes, string pattern, Func<HttpContext, BuildkiteRuntime, IResult> handler) =>
        Map(routes, HttpMethods.Get, pattern, (context, runtime) => Task.FromResult(handler(context, runtime)));

    public static string Value(HttpContext context, string name) => RequestValues.Route(context, name);

    public static long Number(HttpContext context) => RequestValues.Id(Value(context, "number")) ?? throw new KeyNotFoundException();

    /// <summary>The organization named in the route, which must exist.</summary>
    public static BuildkiteOrganization Organization(HttpContext context, BuildkiteRuntime runtime) =>
        runtime.State.Organization(Value(context, "org")) ?? throw new KeyNotFoundException();

    public static BuildkitePipeline Pipeline(HttpContext context, BuildkiteRuntime runtime) =>
        runtime.State.Pipeline(Organization(context, runtime).Slug, Value(context, "pipeline")) ?? throw new KeyNotFoundException();

    public static BuildkiteBuild Build(HttpContext context, BuildkiteRuntime runtime)
    {
        var pipeline = Pipeline(context, runtime);
        return runtime.State.Build(pipeline.Organization, pipeline.Slug, Number(context)) ?? throw new KeyNotFoundException();
    }

    /// <summary>Refuses with 403 unless the token has <paramref name="scope"/>.</summary>
    public static void RequireScope(HttpContext context, string scope)
    {
        if (context.Gate().User?.Scopes is { } scopes && !scopes.Contains(scope, StringComparer.Ordinal))
        {
            throw new RefusedException(StatusCodes.Status403Forbidden, $"Your access token does not have the {scope} scope");
        }
    }

    public static bool Flag(HttpContext context, string name) =>
        string.Equals(context.Request.Query[name].ToString(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A query parameter given as <c>name=a</c> and/or <c>name[]=a&amp;name[]=b</c>.</summary>
    public static HashSet<string> Values(HttpContext context, string name) =>
        context.Request.Query[name].Concat(context.Request.Query[name + "[]"]).OfType<string>()
            .SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The JSON request body; an absent or empty body is an empty object, anything but an object a 400.</summary>
    public static async Task<JsonElement> BodyAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new RefusedException(StatusCodes.Status400BadRequest, "The request body must be a JSON object");
        }
        catch (JsonException) when (context.Request.ContentLength is null or 0)
        {
            return JsonDocument.Parse("{}").RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new RefusedException(StatusCodes.Status400BadRequest, "Problems parsing JSON");
        }
    }

    /// <summary>An object of scalars as text (strings as they are, numbers and booleans as their JSON), or null when absent.</summary>
    public static IReadOnlyDictionary<string, string>? Strings(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().ToDictionary(
                property => property.Name,
                property => property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? "" : property.Value.GetRawText(),
                StringComparer.Ordinal)
            : null;

    public static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
