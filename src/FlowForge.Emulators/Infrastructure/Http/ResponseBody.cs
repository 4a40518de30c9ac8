using FlowForge.Emulators.Infrastructure.Faults;
using FlowForge.Emulators.Infrastructure.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Emulators.Infrastructure.Http;

/// <summary>
/// Where the body faults happen, for every emulator's response type: the malformed-JSON cut and the slow body. A
/// slow answer with a body sends its headers, then holds the body back; one without (304, 302, 204) holds back its
/// headers instead, since a client considers it complete with them. Delays run on the emulator's clock and end
/// early (aborting the connection) when the emulator stops.
/// </summary>
internal static class ResponseBody
{
    /// <summary>The body as the request's fault shapes it: cut in half for malformed JSON when <paramref name="cuttable"/>.</summary>
    public static byte[] Shape(HttpContext context, byte[] body, bool cuttable) =>
        cuttable && context.Fault() is IMalformedJsonFault ? body[..Math.Max(1, body.Length / 2)] : body;

    /// <summary>Sets the length, honours a slow-body fault, then writes <paramref name="bytes"/> (none for HEAD when <paramref name="skipForHead"/>).</summary>
    public static async Task WriteAsync(HttpContext context, byte[] bytes, bool skipForHead = false)
    {
        var response = context.Response;
        response.ContentLength = bytes.Length;
        if (context.Fault() is ISlowBodyFault slow)
        {
            await response.StartAsync(context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            if (!await DelayAsync(context, slow.Delay))
            {
                return;
            }
        }

        if (bytes.Length > 0 && !(skipForHead && HttpMethods.IsHead(context.Request.Method)))
        {
            await response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }

    /// <summary>Holds back an answer that has not started (one without a body) when the request took a slow-body fault.</summary>
    public static async Task HoldBodilessAsync(HttpContext context)
    {
        if (context.Fault() is ISlowBodyFault slow && !context.Response.HasStarted)
        {
            await DelayAsync(context, slow.Delay);
        }
    }

    /// <summary>False when the emulator stopped meanwhile; the connection is then aborted.</summary>
    private static async Task<bool> DelayAsync(HttpContext context, TimeSpan delay)
    {
        var runtime = context.RequestServices.GetRequiredService<EmulatorRuntimeCore>();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, runtime.Stopping);
        try
        {
            await Task.Delay(delay, runtime.Time, wait.Token);
            return true;
        }
        catch (OperationCanceledException) when (runtime.Stopping.IsCancellationRequested)
        {
            context.Abort();
            return false;
        }
    }
}
