using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlowForge.Emulators.Infrastructure.Http;

/// <summary>
/// A handler that throws before answering — typically racing a scenario change, e.g. cancelling a run that just
/// completed — answers with the provider's own 500, as the real service would, instead of Kestrel's empty one.
/// </summary>
internal static class HandlerFailure
{
    public static async Task AnswerAsync(HttpContext context, Func<Task> handle, ILogger logger, Func<IResult> serverError)
    {
        try
        {
            await handle();
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning(e, "The emulator failed to handle {Method} {Path}", context.Request.Method, context.Request.Path);
            await serverError().ExecuteAsync(context);
        }
    }
}
