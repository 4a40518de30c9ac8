using System.Text.Json;
using FlowForge.Emulators.GitHub.Http;
using FlowForge.Emulators.GitHub.State;
using FlowForge.Emulators.Infrastructure.Control;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Emulators.GitHub.Api;

/// <summary>
/// <c>POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches</c> with
/// <c>{"ref": "...", "inputs": {...}, "return_run_details": bool}</c>, checked as GitHub checks it: the ref must
/// exist, the workflow file at that ref must have a <c>workflow_dispatch</c> trigger, and the inputs must match its
/// declaration (at most 25, none unknown, required ones present, booleans, numbers and choices valid). 204, or 200
/// with the run's ids when asked for and <see cref="GitHubEmulatorOptions.ReturnRunDetails"/> allows it.
/// </summary>
internal static class DispatchEndpoint
{
    private const string Docs = "https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event";

    public static async Task HandleAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<EmulatorRuntime>();
        var result = await DispatchAsync(context, runtime);
        await result.ExecuteAsync(context);
    }

    private static async Task<IResult> DispatchAsync(HttpContext context, EmulatorRuntime runtime)
    {
        if (Endpoint.Repository(context, runtime) is not { } view || WorkflowEndpoints.Find(context, runtime, view) is not { } workflow)
        {
            return ApiResponse.NotFound();
        }

        var root = await ControlJson.ReadObjectAsync(context);
        if (!root.TryGetProperty("ref", out var refElement) || refElement.ValueKind != JsonValueKind.String
            || refElement.GetString() is not { Length: > 0 } gitRef)
        {
            return Unprocessable("Invalid request.\n\n\"ref\" wasn't supplied.");
        }

        IReadOnlyList<KeyValuePair<string, JsonElement>> inputs = [];
        if (root.TryGetProperty("inputs", out var inputsElement) && inputsElement.ValueKind != JsonValueKind.Null)
        {
            if (inputsElement.ValueKind != JsonValueKind.Object)
            {
                return Unprocessable($"Invalid request.\n\nFor 'properties/inputs', {inputsElement.GetRawText()} is not an object.");
            }

            inputs = [.. inputsElement.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value))];
        }

        var state = runtime.State;
        if (!state.KnowsBranchOrTag(view.Repository.Id, gitRef))
        {
            return Unprocessable($"No ref found for: {gitRef}");
        }

        if (DispatchTrigger.Parse(state.FileAt(workflow, gitRef)) is not { } trigger)
        {
            return Unprocessable("Workflow does not have 'workflow_dispatch' trigger");
        }

        if (trigger.Validate(inputs) is { } problem)
        {
            return Unprocessable(problem);
        }

        var user = context.ApiRequest()!.User!;
        var branch = EmulatorState.ShortRef(gitRef);
        var previous = state.Runs(view.Repository.Id).FirstOrDefault(r => r.HeadBranch == branch);
        var run = state.StartRun(workflow.Id, new RunSpec(
            branch,
            previous?.HeadCommit.Message ?? $"Update {workflow.Path}",
            previous?.HeadCommit.AuthorName ?? user.Login,
            previous?.HeadCommit.AuthorEmail ?? $"{user.Login}@users.noreply.github.example",
            user.Login,
            "workflow_dispatch",
            previous?.HeadSha));

        var returnDetails = root.TryGetProperty("return_run_details", out var details) && details.ValueKind == JsonValueKind.True;
        state.RecordDispatch(new EmulatedDispatch(
            workflow.Id,
            gitRef,
            inputs.ToDictionary(i => i.Key, i => DispatchTrigger.Scalar(i.Value) ?? i.Value.GetRawText(), StringComparer.Ordinal),
            returnDetails,
            run.Id,
            user.Login,
            run.CreatedAt));

        if (!returnDetails || !runtime.Options.ReturnRunDetails)
        {
            return Results.NoContent();
        }

        var urls = runtime.Urls;
        return ApiResponse.Ok(JsonBody.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("workflow_run_id", run.Id);
            w.WriteString("run_url", $"{urls.Repository(run.RepositoryFullName)}/actions/runs/{run.Id}");
            w.WriteString("html_url", urls.Html($"{run.RepositoryFullName}/actions/runs/{run.Id}"));
            w.WriteEndObject();
        }));
    }

    private static ApiResponse Unprocessable(string message) => ApiResponse.Error(StatusCodes.Status422UnprocessableEntity, message, Docs);
}
