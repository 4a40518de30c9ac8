using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FlowForge.Emulators.GitLab.Middleware;

/// <summary>Records every API request (not the scripting endpoints) once its response is done.</summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, GitLabRuntime runtime)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments(GitLabRuntime.ControlPath))
        {
            await next(context);
            return;
        }

        var at = runtime.Time.GetUtcNow();
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        var hadToken = request.Headers.ContainsKey("PRIVATE-TOKEN") || request.Headers.Authorization.Count > 0;
        var failed = false;
        try
        {
            await next(context);
            if (!context.Response.HasStarted)
            {
                // Settle the headers (and with them the throttle stamp) of a bodiless answer before recording it.
                await context.Response.StartAsync(context.RequestAborted);
            }
        }
        catch when (!context.Response.HasStarted)
        {
            failed = true;
            throw;
        }
        finally
        {
            var feature = context.GitLabRequest();
            runtime.Requests.Add(new GitLabRequest(
                at,
                request.Method,
                target,
                failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode,
                hadToken,
                feature?.Counted is not null && !feature.Throttled,
                feature?.Fault?.Kind,
                feature?.Throttled ?? false,
                int.TryParse(context.Response.Headers.RetryAfter.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null));
        }
    }
}
