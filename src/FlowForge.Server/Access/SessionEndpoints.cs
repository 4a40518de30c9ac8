using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace FlowForge.Server.Access;

internal static class SessionEndpoints
{
    /// <summary>
    /// <c>POST /signout</c>, from the dashboard's top bar: ends the browser's session. A form post, so it carries the
    /// antiforgery token (a page elsewhere must not be able to sign anyone out). Ending a session is not an action on
    /// pipelines and is not audited, like signing in.
    /// </summary>
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/signout", SignOutAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, IAuthenticationSchemeProvider schemes)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request.", detail: "The form's antiforgery token is missing or not valid.");
        }

        if (await schemes.GetSchemeAsync(BrowserSessions.CookieScheme) is not null)
        {
            await context.SignOutAsync(BrowserSessions.CookieScheme);
        }

        return Results.LocalRedirect("~/signin");
    }
}
