using FlowForge.Core.Errors;
using Microsoft.AspNetCore.Mvc;

namespace FlowForge.Server.Errors;

/// <summary>
/// Which problem each exception becomes. One mapping for the response (<see cref="ProblemDetailsExceptionHandler"/>)
/// and the audit log, which records the status the client will get before the handler writes it. The statuses and
/// words of FlowForge's own failures come from <see cref="ErrorStatus"/>, which the dashboard shares.
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
                Title = ErrorStatus.Describe(validation).Title,
            },
            BadHttpRequestException badRequest => Problem(badRequest.StatusCode, "The request could not be read.", badRequest.Message),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested =>
                Problem(StatusCodes.Status499ClientClosedRequest, "The client closed the request.", null),
            _ => FromDescription(ErrorStatus.Describe(exception)),
        };
    }

    private static ProblemDetails FromDescription(ErrorDescription error)
    {
        var problem = Problem(error.Status, error.Title, error.Detail);
        if (error.ProviderError is { } kind)
        {
            problem.Extensions["providerError"] = Contracts.JsonNaming.Camel(kind.ToString());
        }

        if (error.UpstreamStatus is { } upstream)
        {
            problem.Extensions["upstreamStatus"] = upstream;
        }

        return problem;
    }

    private static ProblemDetails Problem(int status, string title, string? detail) =>
        new() { Status = status, Title = title, Detail = detail };
}
