using FlowForge.Core.Access;
using FlowForge.Core.Auditing;
using FlowForge.Core.Operations;
using FlowForge.Server.Auditing;
using FlowForge.Server.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlowForge.Server.Endpoints;

/// <summary>Acting on pipelines and runs: parameters, trigger, re-run, cancel, unblocking a waiting job. Every action is audited.</summary>
internal static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        var pipelines = app.MapGroup("/api/v1/pipelines/{instanceId}/{pipelineId}").WithTags("Actions");
        pipelines.MapGet("/parameters", GetParameters)
            .WithName("GetTriggerParameters")
            .WithSummary("The parameters the pipeline takes at a ref, read from the provider (GitHub: the workflow's workflow_dispatch inputs).")
            .RequireAuthorization(AccessPolicies.Viewer);
        pipelines.MapPost("/runs", TriggerRun)
            .WithName("TriggerRun")
            .WithSummary("Starts the pipeline with validated parameters; nothing is sent upstream when a value is invalid.")
            .RequireAuthorization(AccessPolicies.Operator)
            .Audited(AuditActions.RunTrigger);
        pipelines.MapPost("/runs/{runId}/rerun", RerunRun)
            .WithName("RerunRun")
            .WithSummary("Re-runs a finished run natively: all jobs, the failed jobs, or one job.")
            .RequireAuthorization(AccessPolicies.Operator)
            .Audited(AuditActions.RunRerun);
        pipelines.MapPost("/runs/{runId}/cancel", CancelRun)
            .WithName("CancelRun")
            .WithSummary("Cancels a queued or running run (force: one stuck in cancelling). A finished run answers 409.")
            .RequireAuthorization(AccessPolicies.Operator)
            .Audited(AuditActions.RunCancel);
        pipelines.MapPost("/runs/{runId}/jobs/{jobId}/unblock", UnblockJob)
            .WithName("UnblockJob")
            .WithSummary("Lets a waiting job go on: plays a GitLab manual job, unblocks a Buildkite block step. A job that is not waiting answers 409.")
            .RequireAuthorization(AccessPolicies.Operator)
            .Audited(AuditActions.JobUnblock);
        return app;
    }

    private static async Task<Ok<ParametersResponse>> GetParameters(
        string instanceId, string pipelineId, string? @ref, RunOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(ParametersResponse.From(await operations.GetParametersAsync(RouteKeys.Pipeline(instanceId, pipelineId), @ref, cancellationToken)));

    private static async Task<Results<Created<TriggerRunResponse>, Accepted<TriggerRunResponse>>> TriggerRun(
        string instanceId, string pipelineId, TriggerRunRequest request, RunOperations operations, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var key = RouteKeys.Pipeline(instanceId, pipelineId);
        var outcome = await operations.TriggerAsync(key, request.Ref, request.Values(), cancellationToken);
        httpContext.SetAuditParameters(outcome.MaskedParameters);
        httpContext.SetAuditUpstreamStatus(outcome.Result.UpstreamStatusCode);
        if (outcome.Result.RunNativeId is not { } runId)
        {
            return TypedResults.Accepted((string?)null, new TriggerRunResponse(null, null, outcome.Result.WebUrl, null));
        }

        httpContext.SetAuditRun(runId);
        var runKey = $"{key}/runs/{runId}";
        var body = new TriggerRunResponse(runId, runKey, outcome.Result.WebUrl, outcome.Run is { } run ? RunResponse.From(run) : null);
        return TypedResults.Created($"/api/v1/pipelines/{runKey}", body);
    }

    private static async Task<Accepted<RunActionResponse>> RerunRun(
        string instanceId, string pipelineId, string runId, RerunRequest request, RunOperations operations, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var outcome = await operations.RerunAsync(RouteKeys.Pipeline(instanceId, pipelineId), runId, request.ParsedScope(), request.JobId, cancellationToken);
        httpContext.SetAuditParameters(new Dictionary<string, string> { ["scope"] = request.Scope ?? "all", ["jobId"] = request.JobId ?? string.Empty });
        return Accepted(outcome, httpContext);
    }

    private static async Task<Accepted<RunActionResponse>> CancelRun(
        string instanceId, string pipelineId, string runId, CancelRequest? request, RunOperations operations, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var force = request?.Force ?? false;
        var outcome = await operations.CancelAsync(RouteKeys.Pipeline(instanceId, pipelineId), runId, force, cancellationToken);
        httpContext.SetAuditParameters(new Dictionary<string, string> { ["force"] = force ? "true" : "false" });
        return Accepted(outcome, httpContext);
    }

    private static async Task<Accepted<RunActionResponse>> UnblockJob(
        string instanceId, string pipelineId, string runId, string jobId, UnblockRequest? request, RunOperations operations, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var fields = request?.Fields ?? [];
        var outcome = await operations.UnblockJobAsync(RouteKeys.Pipeline(instanceId, pipelineId), runId, jobId, fields, cancellationToken);
        httpContext.SetAuditParameters(new Dictionary<string, string>(fields, StringComparer.Ordinal) { ["job"] = jobId });
        return Accepted(outcome, httpContext);
    }

    private static Accepted<RunActionResponse> Accepted(ActionOutcome outcome, HttpContext httpContext)
    {
        httpContext.SetAuditUpstreamStatus(outcome.Result.UpstreamStatusCode);
        var body = new RunActionResponse(outcome.Result.RunNativeId, outcome.Result.UpstreamStatusCode, outcome.Run is { } run ? RunResponse.From(run) : null);
        return TypedResults.Accepted((string?)null, body);
    }
}
