using FlowForge.Emulators.Jenkins.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FlowForge.Emulators.Jenkins.Middleware;

/// <summary>Records every request but the scripting ones once its response is done.</summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, JenkinsRuntime runtime)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments(runtime.ControlPath, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var at = runtime.Time.GetUtcNow();
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        var hadAuthorization = request.Headers.Authorization.Count > 0;
        var failed = false;
        try
        {
            await next(context);
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
            var feature = context.Jenkins();
            var status = failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            runtime.Requests.Add(new JenkinsRecordedRequest(
                at, request.Method, target, status, hadAuthorization, feature?.User, feature?.Served == true && status < 400)
            {
                Fault = feature?.Fault?.Kind,
                HadCrumb = feature?.HadCrumb ?? false,
            });
        }
    }
}
