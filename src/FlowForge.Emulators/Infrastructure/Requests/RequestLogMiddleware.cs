using FlowForge.Emulators.Infrastructure.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FlowForge.Emulators.Infrastructure.Requests;

/// <summary>
/// Records requests as their answers start, so the entry is there before the client has the answer (a test can look
/// right after its call); a request that fails before answering is recorded as the 500 it becomes. Registered first,
/// its start callback runs last, after the gate has stamped and charged the answer.
/// </summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, EmulatorRuntimeCore runtime, IRequestRecorder recorder)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!recorder.Records(context))
        {
            await next(context);
            return;
        }

        var request = context.Request;
        var arrived = new ArrivedRequest(
            runtime.Time.GetUtcNow(),
            request.Method,
            context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString,
            request.Headers.Authorization.Count > 0,
            request.Headers.IfNoneMatch.Count > 0 ? request.Headers.IfNoneMatch.ToString() : null);
        var recorded = 0;
        void Record(int status)
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                recorder.Record(context, arrived, status);
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

            // A bodiless answer (204, 302, 304) starts here, so its headers and charge are settled when it is recorded.
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

internal static class RequestLogApplicationExtensions
{
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app, IRequestRecorder recorder) =>
        app.UseMiddleware<RequestLogMiddleware>(recorder);
}
