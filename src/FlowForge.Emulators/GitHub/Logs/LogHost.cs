using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FlowForge.Emulators.Infrastructure.Faults;
using FlowForge.Emulators.Infrastructure.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Emulators.GitHub.Logs;

/// <summary>
/// The second listener, standing in for the blob storage GitHub's log links point to. Like a SAS URL there, it
/// refuses an <c>Authorization</c> header (400), a bad or expired signature (403), and answers with XML errors.
/// </summary>
internal static partial class LogHost
{
    public static async Task HandleAsync(HttpContext context, EmulatorRuntime runtime)
    {
        var request = context.Request;
        var fault = context.TakeFault(runtime.Faults, candidate => candidate.IncludeLogHost);
        if (fault is not null && await TryWriteFaultAsync(context, fault))
        {
            return;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            await WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "UnsupportedHttpVerb", "The resource doesn't support specified Http Verb.");
            return;
        }

        if (request.Headers.Authorization.Count > 0)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidAuthenticationInfo",
                "Authentication information is not given in the correct format. A SAS URL must not be combined with an Authorization header.");
            return;
        }

        var path = request.Path.Value ?? "";
        switch (runtime.LogSigner.Check(path, request.Query["se"], request.Query["sig"]))
        {
            case LogLinkStatus.Invalid:
                await WriteErrorAsync(context, StatusCodes.Status403Forbidden, "AuthenticationFailed",
                    "Server failed to authenticate the request. Make sure the value of the signature is formed correctly.");
                return;
            case LogLinkStatus.Expired:
                await WriteErrorAsync(context, StatusCodes.Status403Forbidden, "AuthenticationFailed",
                    "Server failed to authenticate the request. Signed expiry time has passed.");
                return;
        }

        var match = JobLogPath().Match(path);
        if (!match.Success || runtime.State.Job(long.Parse(match.Groups["job"].ValueSpan, CultureInfo.InvariantCulture)) is not { } found)
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, "BlobNotFound", "The specified blob does not exist.");
            return;
        }

        var body = ResponseBody.Shape(context, JobLogRenderer.Render(found.Job, found.Attempt), cuttable: true);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain";
        context.Response.Headers["x-ms-blob-type"] = "BlockBlob";
        await ResponseBody.WriteAsync(context, body);
    }

    private static async Task<bool> TryWriteFaultAsync(HttpContext context, EmulatedFault fault)
    {
        switch (fault)
        {
            case EmulatedFault.ServerErrorFault:
                await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "InternalError", "The server encountered an internal error. Please retry the request.");
                return true;
            case EmulatedFault.UnauthorizedFault or EmulatedFault.PrimaryRateLimitFault:
                await WriteErrorAsync(context, StatusCodes.Status403Forbidden, "AuthenticationFailed", "Server failed to authenticate the request.");
                return true;
            case EmulatedFault.SecondaryRateLimitFault or EmulatedFault.TooManyRequestsFault:
                var retryAfter = fault is EmulatedFault.TooManyRequestsFault t ? t.RetryAfter : TimeSpan.FromSeconds(60);
                context.Response.Headers.RetryAfter = ((long)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "ServerBusy", "Ingress is over the account limit.");
                return true;
            default:
                return false;
        }
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        var body = Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{code}</Code><Message>{message}\nRequestId:{Guid.NewGuid()}\nTime:{context.RequestServices.GetRequiredService<EmulatorRuntime>().Time.GetUtcNow():O}</Message></Error>");
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        context.Response.ContentLength = body.Length;
        context.Response.Headers["x-ms-error-code"] = code;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    [GeneratedRegex(@"^/actions-results/(?<run>\d+)/workflow-job-run-(?<job>\d+)/logs/job/job-logs\.txt$", RegexOptions.CultureInvariant)]
    private static partial Regex JobLogPath();
}
