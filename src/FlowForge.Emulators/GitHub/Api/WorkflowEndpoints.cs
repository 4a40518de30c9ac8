using System.Text.Json;
using FlowForge.Emulators.GitHub.Http;
using FlowForge.Emulators.GitHub.Json;
using FlowForge.Emulators.GitHub.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Routing;

namespace FlowForge.Emulators.GitHub.Api;

/// <summary>Workflows, their runs, and <c>workflow_dispatch</c>.</summary>
internal static class WorkflowEndpoints
{
    private const string Base = "/repos/{owner}/{repo}/actions/workflows";

    public static void Map(IEndpointRouteBuilder routes)
    {
        Endpoint.Get(routes, Base, ListWorkflows);
        Endpoint.Get(routes, Base + "/{workflow}", GetWorkflow);
        Endpoint.Get(routes, Base + "/{workflow}/runs", ListWorkflowRuns);
        routes.MapPost(Base + "/{workflow}/dispatches", DispatchAsync);
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

    /// <summary>Body <c>{"ref": "...", "inputs": {...}, "return_run_details": bool}</c>: 204, or 200 with the run's ids.</summary>
    private static async Task DispatchAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<EmulatorRuntime>();
        if (Endpoint.Repository(context, runtime) is not { } view || Find(context, runtime, view) is not { } workflow)
        {
            await ApiResponse.NotFound().ExecuteAsync(context);
            return;
        }

        const string docs = "https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event";
        if (!workflow.CanDispatch)
        {
            await ApiResponse.Error(StatusCodes.Status422UnprocessableEntity, "Workflow does not have 'workflow_dispatch' trigger", docs).ExecuteAsync(context);
            return;
        }

        using var body = await ControlEndpoints.ReadJsonAsync(context);
        if (body?.RootElement is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("ref", out var gitRef) || gitRef.ValueKind != JsonValueKind.String || gitRef.GetString() is not { Length: > 0 } refName)
        {
            await ApiResponse.Error(StatusCodes.Status422UnprocessableEntity, "Invalid request.\n\n\"ref\" wasn't supplied.", docs).ExecuteAsync(context);
            return;
        }

        var user = context.ApiRequest()!.User!;
        var branch = refName.StartsWith("refs/heads/", StringComparison.Ordinal) ? refName["refs/heads/".Length..] : refName;
        var previous = runtime.State.Runs(view.Repository.Id).FirstOrDefault(r => r.HeadBranch == branch);
        var run = runtime.State.StartRun(workflow.Id, new RunSpec(
            branch,
            previous?.HeadCommit.Message ?? $"Update {workflow.Path}",
            previous?.HeadCommit.AuthorName ?? user.Login,
            previous?.HeadCommit.AuthorEmail ?? $"{user.Login}@users.noreply.github.example",
            user.Login,
            "workflow_dispatch",
            previous?.HeadSha));

        if (root.TryGetProperty("return_run_details", out var details) && details.ValueKind == JsonValueKind.True)
        {
            var urls = runtime.Urls;
            await ApiResponse.Ok(JsonBody.Write(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("workflow_run_id", run.Id);
                w.WriteString("run_url", $"{urls.Repository(run.RepositoryFullName)}/actions/runs/{run.Id}");
                w.WriteString("html_url", urls.Html($"{run.RepositoryFullName}/actions/runs/{run.Id}"));
                w.WriteEndObject();
            })).ExecuteAsync(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>By id, or by file name as GitHub also accepts.</summary>
    private static EmulatedWorkflow? Find(HttpContext context, EmulatorRuntime runtime, RepositoryView view)
    {
        var key = Endpoint.Route(context, "workflow");
        var id = Endpoint.Id(context, "workflow");
        return runtime.State.Workflows(view.Repository.Id)
            .FirstOrDefault(w => id is { } workflowId ? w.Id == workflowId : w.FileName.Equals(key, StringComparison.Ordinal));
    }
}
