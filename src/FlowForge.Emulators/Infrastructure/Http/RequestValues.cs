using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Emulators.Infrastructure.Http;

/// <summary>What endpoint handlers read off a request, the same in every emulator, and how they get their runtime.</summary>
internal static class RequestValues
{
    /// <summary>A route value, empty when absent.</summary>
    public static string Route(HttpContext context, string name) => context.Request.RouteValues[name] as string ?? "";

    /// <summary>A route value that is a non-negative whole number, or null.</summary>
    public static long? Id(string value) => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>A query parameter, null when absent or empty.</summary>
    public static string? Query(HttpContext context, string name) => context.Request.Query[name].ToString() is { Length: > 0 } value ? value : null;

    /// <summary>An endpoint of a handler that takes the emulator's runtime, resolved from the request's services.</summary>
    public static RequestDelegate Handler<TRuntime>(Func<HttpContext, TRuntime, IResult> handler)
        where TRuntime : notnull =>
        context => handler(context, context.RequestServices.GetRequiredService<TRuntime>()).ExecuteAsync(context);

    public static RequestDelegate Handler<TRuntime>(Func<HttpContext, TRuntime, Task<IResult>> handler)
        where TRuntime : notnull =>
        async context => await (await handler(context, context.RequestServices.GetRequiredService<TRuntime>())).ExecuteAsync(context);
}
