using FlowForge.Abstractions.Providers;
using FlowForge.Core.Errors;
using Microsoft.AspNetCore.Mvc;

namespace FlowForge.Server.Errors;

/// <summary>
/// Which problem each exception becomes. One mapping for the response (<see cref="ProblemDetailsExceptionHandler"/>)
/// and the audit log, which records the status the client will get before the handler writes it.
/// </summary>
internal static class ExceptionProblems
{
    public static ProblemDetails Describe(Exception exception, HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(httpContext);
        return exception switch
        {
            ValidationFailedException validation => new HttpValidationProblemDetails(validation.Errors.ToDictionary())
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more values are invalid.",
            },
            NotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found.", notFound.Message),
            ConflictException conflict => Problem(StatusCodes.Status409Conflict, "Conflict.", conflict.Message),
            BadHttpRequestException badRequest => Problem(badRequest.StatusCode, "The request could not be read.", badRequest.Message),
            ProviderException provider => FromProvider(provider),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested =>
                Problem(StatusCodes.Status499ClientClosedRequest, "The client closed the request.", null),
            _ => Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred.", "See the server log for details."),
        };
    }

    private static ProblemDetails FromProvider(ProviderException exception)
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
}
