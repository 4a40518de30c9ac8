using FlowForge.Abstractions.Providers;
using FlowForge.Server.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace FlowForge.Server.Auditing;

/// <summary>
/// Records the action once the handler has decided its answer: the result's status, or for an exception the status
/// the problem handler will give it. The entry is written before the response, so a client that got an answer can
/// already find it in the log.
/// </summary>
internal sealed class AuditFilter(string action) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var recorder = http.RequestServices.GetRequiredService<AuditRecorder>();
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception exception)
        {
            var problem = ExceptionProblems.Describe(exception, http);
            var upstream = (exception as ProviderException)?.UpstreamStatusCode;
            await recorder.RecordAsync(http, action, problem.Status ?? StatusCodes.Status500InternalServerError, Describe(problem), upstream);
            throw;
        }

        var (status, problemOfResult) = StatusOf(result, http);
        await recorder.RecordAsync(http, action, status, problemOfResult is null ? null : Describe(problemOfResult), upstreamStatusCode: null);
        return result;
    }

    private static (int Status, ProblemDetails? Problem) StatusOf(object? result, HttpContext http)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return result switch
        {
            ProblemHttpResult problem => (problem.StatusCode, problem.ProblemDetails),
            EmptyHttpResult or null => (http.Response.StatusCode, null),
            IStatusCodeHttpResult { StatusCode: { } code } => (code, null),
            _ => (http.Response.HasStarted ? http.Response.StatusCode : StatusCodes.Status200OK, null),
        };
    }

    /// <summary>Title and detail; for invalid input the fields' names only, since messages may quote what was sent.</summary>
    private static string Describe(ProblemDetails problem) => problem switch
    {
        HttpValidationProblemDetails validation => $"{problem.Title} Fields: {string.Join(", ", validation.Errors.Keys.Order(StringComparer.Ordinal))}.",
        _ => string.IsNullOrWhiteSpace(problem.Detail) ? problem.Title ?? string.Empty : $"{problem.Title} {problem.Detail}",
    };
}
