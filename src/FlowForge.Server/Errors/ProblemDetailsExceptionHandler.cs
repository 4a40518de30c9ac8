using FlowForge.Abstractions.Providers;
using FlowForge.Core.Secrets;
using Microsoft.AspNetCore.Diagnostics;

namespace FlowForge.Server.Errors;

/// <summary>
/// Turns every exception into one RFC 9457 problem response. Known failures get their status and a message
/// written for users (<see cref="ExceptionProblems"/>); anything else is a 500 whose details stay in the log.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, TimeProvider time, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ExceptionProblems.Describe(exception, httpContext);
        // Provider failures and an unreachable secret store are explained in the response and logged where they happen.
        if (problem.Status >= StatusCodes.Status500InternalServerError && exception is not (ProviderException or SecretStoreUnavailableException))
        {
            LogUnhandled(exception, httpContext.Request.Path);
        }

        if (exception is ProviderException { RetryAt: { } retryAt })
        {
            var seconds = Math.Max(1, (int)Math.Ceiling((retryAt - time.GetUtcNow()).TotalSeconds));
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Path}")]
    private partial void LogUnhandled(Exception exception, PathString path);
}
