using FlowForge.Emulators.GitHub.Http;
using FlowForge.Emulators.GitHub.Json;
using FlowForge.Emulators.GitHub.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowForge.Emulators.GitHub.Api;

/// <summary>Workflows, their runs, and <c>workflow_dispatch</c> (in <see cref="DispatchEndpoint"/>).</summary>
internal static class WorkflowEndpoints
{
    private const string Base = "/repos/{owner}/{repo}/actions/workflows";

    public static void Map(IEndpointRouteBuilder routes)
    {
        Endpoint.Get(routes, Base, ListWorkflows);
        Endpoint.Get(routes, Base + "/{workflow}", GetWorkflow);
        Endpoint.Get(routes, Base + "/{workflow}/runs", ListWorkflowRuns);
        routes.MapPost(Base + "/{workflow}/dispatches", DispatchEndpoint.HandleAsync);
    }

    private static IResult ListWorkflows(HttpContext context, EmulatorRuntime runtime)
    {
        if (Endpoint.Repository(context, runtime) is not { } view)
        {
            return ApiResponse.NotFound();
        }

        var repository = view.Repository;
        return Endpoint.Paged(context, runtime, runtime.State.Workflows(repository.Id), "workflows",
            $"repositories/{repository.Id}/actions/workflows",
            (w, workflow, render) => WorkflowJson.Write(w, workflow, repository.DefaultBranch, render));
    }

    private static IResult GetWorkflow(HttpContext context, EmulatorRuntime runtime)
    {
        if (Endpoint.Repository(context, runtime) is not { } view || Find(context, runtime, view) is not { } workflow)
        {
            return ApiResponse.NotFound();
        }

        return Endpoint.Object(runtime, (w, render) => WorkflowJson.Write(w, workflow, view.Repository.DefaultBranch, render));
    }

    private static IResult ListWorkflowRuns(HttpContext context, EmulatorRuntime runtime)
    {
        if (Endpoint.Repository(context, runtime) is not { } view || Find(context, runtime, view) is not { } workflow)
        {
            return ApiResponse.NotFound();
        }

        var runs = RunFilter.Apply(runtime.State.Runs(view.Repository.Id).Where(r => r.WorkflowId == workflow.Id), context);
        return Endpoint.Paged(context, runtime, runs, "workflow_runs",
            $"repositories/{view.Repository.Id}/actions/workflows/{Endpoint.Route(context, "workflow")}/runs", RunJson.Write);
    }

    /// <summary>By id, or by file name as GitHub also accepts.</summary>
    internal static EmulatedWorkflow? Find(HttpContext context, EmulatorRuntime runtime, RepositoryView view)
    {
        var key = Endpoint.Route(context, "workflow");
        var id = Endpoint.Id(context, "workflow");
        return runtime.State.Workflows(view.Repository.Id)
            .FirstOrDefault(w => id is { } workflowId ? w.Id == workflowId : w.FileName.Equals(key, StringComparison.Ordinal));
    }
}
