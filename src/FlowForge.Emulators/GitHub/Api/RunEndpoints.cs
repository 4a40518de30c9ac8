using FlowForge.Emulators.GitHub.Http;
using FlowForge.Emulators.GitHub.Json;
using FlowForge.Emulators.GitHub.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowForge.Emulators.GitHub.Api;

/// <summary>Runs, their attempts and jobs, and the run actions (cancel, re-run).</summary>
internal static class RunEndpoints
{
    private const string Base = "/repos/{owner}/{repo}/actions/runs";
    private const string Docs = "https://docs.github.com/rest/actions/workflow-runs";

    public static void Map(IEndpointRouteBuilder routes)
    {
        Endpoint.Get(routes, Base, ListRuns);
        Endpoint.Get(routes, Base + "/{run}", GetRun);
        Endpoint.Get(routes, Base + "/{run}/attempts/{attempt}", GetAttempt);
        Endpoint.Get(routes, Base + "/{run}/jobs", ListJobs);
        Endpoint.Get(routes, Base + "/{run}/attempts/{attempt}/jobs", ListAttemptJobs);
        Endpoint.Post(routes, Base + "/{run}/cancel", Cancel);
        Endpoint.Post(routes, Base + "/{run}/force-cancel", Cancel);
        Endpoint.Post(routes, Base + "/{run}/rerun", (c, r) => Rerun(c, r, RerunScope.All));
        Endpoint.Post(routes, Base + "/{run}/rerun-failed-jobs", (c, r) => Rerun(c, r, RerunScope.Failed));
    }

    private static IResult ListRuns(HttpContext context, EmulatorRuntime runtime)
    {
        if (Endpoint.Repository(context, runtime) is not { } view)
        {
            return ApiResponse.NotFound();
        }

        var runs = RunFilter.Apply(runtime.State.Runs(view.Repository.Id), context);
        return Endpoint.Paged(context, runtime, runs, "workflow_runs", $"repositories/{view.Repository.Id}/actions/runs", RunJson.Write);
    }

    private static IResult GetRun(HttpContext context, EmulatorRuntime runtime) =>
        Find(context, runtime) is { } run
            ? Endpoint.Object(runtime, (w, render) => RunJson.Write(w, run, render))
            : ApiResponse.NotFound();

    private static IResult GetAttempt(HttpContext context, EmulatorRuntime runtime) =>
        FindAttempt(context, runtime) is { } attempt
            ? Endpoint.Object(runtime, (w, render) => RunJson.Write(w, attempt, render))
            : ApiResponse.NotFound();

    /// <summary><c>filter=latest</c> (default): the most recent execution of each job; <c>filter=all</c>: every attempt's.</summary>
    private static IResult ListJobs(HttpContext context, EmulatorRuntime runtime)
    {
        if (Find(context, runtime) is not { } run)
        {
            return ApiResponse.NotFound();
        }

        var all = Endpoint.Query(context, "filter") == "all";
        var jobs = runtime.State.Jobs(run.Id, all) ?? [];
        return Endpoint.Paged(context, runtime, jobs, "jobs", $"repositories/{run.RepositoryId}/actions/runs/{run.Id}/jobs",
            (w, job, render) => JobJson.Write(w, job, run, render));
    }

    private static IResult ListAttemptJobs(HttpContext context, EmulatorRuntime runtime)
    {
        if (FindAttempt(context, runtime) is not { } attempt)
        {
            return ApiResponse.NotFound();
        }

        return Endpoint.Paged(context, runtime, attempt.Jobs, "jobs",
            $"repositories/{attempt.RepositoryId}/actions/runs/{attempt.Id}/attempts/{attempt.RunAttempt}/jobs",
            (w, job, render) => JobJson.Write(w, job, attempt, render));
    }

    private static IResult Cancel(HttpContext context, EmulatorRuntime runtime)
    {
        if (Find(context, runtime) is not { } run)
        {
            return ApiResponse.NotFound();
        }

        if (run.IsCompleted)
        {
            return ApiResponse.Error(StatusCodes.Status409Conflict, "Cannot cancel a workflow run that is completed.", Docs + "#cancel-a-workflow-run");
        }

        runtime.State.Complete(run.Id, GitHubConclusion.Cancelled);
        return Endpoint.EmptyObject(StatusCodes.Status202Accepted);
    }

    private static ApiResponse Rerun(HttpContext context, EmulatorRuntime runtime, RerunScope scope)
    {
        if (Find(context, runtime) is not { } run)
        {
            return ApiResponse.NotFound();
        }

        if (!run.IsCompleted)
        {
            return ApiResponse.Error(StatusCodes.Status403Forbidden, "This workflow is already running", Docs + "#re-run-a-workflow");
        }

        if (scope == RerunScope.Failed && run.Conclusion is GitHubConclusion.Success or GitHubConclusion.Neutral or GitHubConclusion.Skipped)
        {
            return ApiResponse.Error(StatusCodes.Status403Forbidden, "There are no failed jobs to re-run.", Docs + "#re-run-failed-jobs-from-a-workflow-run");
        }

        runtime.State.Rerun(run.Id, scope, context.ApiRequest()!.User!.Login);
        return Endpoint.EmptyObject(StatusCodes.Status201Created);
    }

    /// <summary>The latest attempt of the run named by the route, if it belongs to the repository.</summary>
    internal static EmulatedRun? Find(HttpContext context, EmulatorRuntime runtime) =>
        Endpoint.Repository(context, runtime) is { } view
        && Endpoint.Id(context, "run") is { } id
        && runtime.State.Run(id) is { } run
        && run.RepositoryId == view.Repository.Id
            ? run
            : null;

    private static EmulatedRun? FindAttempt(HttpContext context, EmulatorRuntime runtime) =>
        Find(context, runtime) is { } run
        && int.TryParse(Endpoint.Route(context, "attempt"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var attempt)
            ? runtime.State.RunAttempt(run.Id, attempt)
            : null;
}
