using FlowForge.Abstractions.Providers;
using FlowForge.Core.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace FlowForge.Server.Errors;

/// <summary>
/// Turns every exception into one RFC 9457 problem response. Known failures get their status and a message
/// written for users; anything else is a 500 whose details stay in the log.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, TimeProvider time, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem = exception switch
        {
            ValidationFailedException validation => new HttpValidationProblemDetails(validation.Errors.ToDictionary())
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more values are invalid.",
            },
            NotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found.", notFound.Message),
            ConflictException conflict => Problem(StatusCodes.Status409Conflict, "Conflict.", conflict.Message),
            BadHttpRequestException badRequest => Problem(badRequest.StatusCode, "The request could not be read.", badRequest.Message),
            ProviderException provider => FromProvider(provider, httpContext),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested =>
                Problem(StatusCodes.Status499ClientClosedRequest, "The client closed the request.", null),
            _ => Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred.", "See the server log for details."),
        };

        if (problem.Status >= StatusCodes.Status500InternalServerError && exception is not ProviderException)
        {
            LogUnhandled(exception, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private ProblemDetails FromProvider(ProviderException exception, HttpContext httpContext)
    {
        var (status, title) = exception.Kind switch
        {
            ProviderErrorKind.NotFound => (StatusCodes.Status404NotFound, "The provider does not know this resource."),
            ProviderErrorKind.NotSupported => (StatusCodes.Status409Conflict, "The provider does not support this."),
            ProviderErrorKind.Misconfigured => (StatusCodes.Status409Conflict, "The provider instance is not configured correctly."),
            ProviderErrorKind.RateLimited => (StatusCodes.Status503ServiceUnavailable, "The provider's rate limit is exhausted."),
            ProviderErrorKind.AuthenticationFailed => (StatusCodes.Status502BadGateway, "The provider refused the credentials."),
            ProviderErrorKind.PermissionDenied => (StatusCodes.Status502BadGateway, "The provider denied permission."),
            _ => (StatusCodes.Status502BadGateway, "The provider failed."),
        };

        if (exception.RetryAt is { } retryAt)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling((retryAt - time.GetUtcNow()).TotalSeconds));
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var problem = Problem(status, title, exception.Message);
        problem.Extensions["providerError"] = Contracts.JsonNaming.Camel(exception.Kind.ToString());
        if (exception.UpstreamStatusCode is { } upstream)
        {
            problem.Extensions["upstreamStatus"] = upstream;
        }

        return problem;
    }

    private static ProblemDetails Problem(int status, string title, string? detail) =>
        new() { Status = status, Title = title, Detail = detail };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Path}")]
    private partial void LogUnhandled(Exception exception, PathString path);
}
