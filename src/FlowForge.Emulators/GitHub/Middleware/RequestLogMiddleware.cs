using System.Globalization;
using FlowForge.Emulators.GitHub.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FlowForge.Emulators.GitHub.Middleware;

/// <summary>Records every request of both listeners (except the scripting endpoints) once its response is done.</summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, EmulatorRuntime runtime)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var logHost = runtime.IsLogHost(context);
        var request = context.Request;
        if (!logHost && request.Path.StartsWithSegments(runtime.ControlPath))
        {
            await next(context);
            return;
        }

        var at = runtime.Time.GetUtcNow();
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        var ifNoneMatch = request.Headers.IfNoneMatch.Count > 0 ? request.Headers.IfNoneMatch.ToString() : null;
        var apiVersion = request.Headers.TryGetValue("X-GitHub-Api-Version", out var version) ? version.ToString() : null;
        var hadAuthorization = request.Headers.Authorization.Count > 0;
        var failed = false;
        try
        {
            await next(context);

            // Start a bodiless response (302, 304, 204) here, so its headers, and with them the rate-limit charge, are settled before it is recorded.
            if (!context.Response.HasStarted)
            {
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
            var feature = context.ApiRequest();
            runtime.Requests.Add(new RecordedRequest(
                at,
                logHost ? "logs" : "api",
                request.Method,
                target,
                failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode,
                hadAuthorization,
                ifNoneMatch,
                apiVersion,
                feature?.Charged ?? false)
            {
                Fault = context.Fault()?.Kind,
                RateLimited = feature?.RateLimited,
                RetryAfterSeconds = int.TryParse(context.Response.Headers.RetryAfter.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                    ? seconds
                    : null,
            });
        }
    }
}
