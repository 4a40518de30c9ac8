using FlowForge.Emulators.Buildkite.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FlowForge.Emulators.Buildkite.Middleware;

/// <summary>
/// Records every API request (the scripting endpoints are not) as its response starts, so the entry is there before the
/// client has the answer; a request that fails before answering is recorded as the 500 it becomes.
/// </summary>
internal sealed class RecordingMiddleware(RequestDelegate next, BuildkiteRuntime runtime)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var at = runtime.Time.GetUtcNow();
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        var ifNoneMatch = request.Headers.IfNoneMatch.Count > 0 ? request.Headers.IfNoneMatch.ToString() : null;
        var recorded = 0;
        void Record(int status)
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                var gate = context.GateOrNull();
                runtime.Requests.Add(new BuildkiteRecordedRequest(
                    at, request.Method, target, status, request.Headers.Authorization.Count > 0, ifNoneMatch, gate?.Costly ?? false, gate?.Fault?.Kind, gate?.RateLimited));
            }
        }

        context.Response.OnStarting(() =>
        {
            Record(context.Response.StatusCode);
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
            if (!context.Response.HasStarted)
            {
                await context.Response.StartAsync(context.RequestAborted);
            }
        }
        finally
        {
            Record(context.Response.HasStarted ? context.Response.StatusCode : StatusCodes.Status500InternalServerError);
        }
    }
}
