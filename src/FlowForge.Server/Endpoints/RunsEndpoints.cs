using FlowForge.Core.Access;
using System.ComponentModel;
using FlowForge.Core.Errors;
using FlowForge.Core.Persistence;
using FlowForge.Core.Pipelines;
using FlowForge.Server.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlowForge.Server.Endpoints;

internal static class RunsEndpoints
{
    public static IEndpointRouteBuilder MapRunsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/pipelines/{instanceId}/{pipelineId}/runs").WithTags("Runs").RequireAuthorization(AccessPolicies.Viewer);
        group.MapGet("/", ListRuns).WithName("ListRuns").WithSummary("Runs of a pipeline, newest first, with cursor paging.");
        group.MapGet("/{runId}", GetRun).WithName("GetRun").WithSummary("One run with its jobs and steps.");
        group.MapGet("/{runId}/jobs/{jobId}/log", GetJobLog)
            .WithName("GetJobLog")
            .WithSummary("A job's log as plain text. A running job's log is read from the provider; a finished one from the store.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        return app;
    }

    private static async Task<Ok<PageResponse<RunResponse>>> ListRuns(
        string instanceId, string pipelineId, [AsParameters] RunListParameters parameters, IPipelineReader reader, CancellationToken cancellationToken)
    {
        var key = RouteKeys.Pipeline(instanceId, pipelineId);
        var limit = parameters.Limit ?? 50;
        if (limit is < 1 or > 200)
        {
            throw new ValidationFailedException("limit", "The limit must be between 1 and 200.");
        }

        var status = RunStatusQuery.Parse(parameters.Status, "status");
        _ = await reader.FindPipelineAsync(key, cancellationToken) ?? throw new NotFoundException($"No pipeline '{key}'.");
        RunPage page;
        try
        {
            page = await reader.ListRunsAsync(
                key, new RunQuery(limit, parameters.Cursor, status, parameters.Branch) { Actor = parameters.Actor, Since = parameters.Since, Until = parameters.Until }, cancellationToken);
        }
        catch (ArgumentException exception) when (parameters.Cursor is not null)
        {
            throw new ValidationFailedException("cursor", exception.Message);
        }

        return TypedResults.Ok(new PageResponse<RunResponse>([.. page.Runs.Select(RunResponse.From)], page.NextCursor, null));
    }

    private static async Task<Ok<RunDetailResponse>> GetRun(
        string instanceId, string pipelineId, string runId, IPipelineReader reader, CancellationToken cancellationToken)
    {
        var key = RouteKeys.Pipeline(instanceId, pipelineId);
        var detail = await reader.FindRunAsync(key, runId, cancellationToken) ?? throw new NotFoundException($"No run '{runId}' in pipeline '{key}'.");
        return TypedResults.Ok(RunDetailResponse.From(detail));
    }

    private static async Task<ContentHttpResult> GetJobLog(
        string instanceId, string pipelineId, string runId, string jobId, JobLogService logs, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var log = await logs.GetAsync(RouteKeys.Pipeline(instanceId, pipelineId), runId, jobId, cancellationToken);
        httpContext.Response.Headers["X-FlowForge-Log-Complete"] = log.IsComplete ? "true" : "false";
        return TypedResults.Text(log.Text, "text/plain; charset=utf-8");
    }
}

internal sealed record RunListParameters(
    [property: Description("Only runs with this status.")] string? Status,
    [property: Description("Only runs of this branch.")] string? Branch,
    [property: Description("Only runs started by this actor (case-insensitive).")] string? Actor,
    [property: Description("Only runs created at or after this time (ISO 8601).")] DateTimeOffset? Since,
    [property: Description("Only runs created before this time (ISO 8601).")] DateTimeOffset? Until,
    [property: Description("From the previous page's nextCursor.")] string? Cursor,
    [property: Description("Page size, 1-200. Default 50.")] int? Limit);
