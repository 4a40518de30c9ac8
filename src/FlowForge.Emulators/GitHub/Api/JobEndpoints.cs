using FlowForge.Emulators.GitHub.Http;
using FlowForge.Emulators.GitHub.Json;
using FlowForge.Emulators.GitHub.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowForge.Emulators.GitHub.Api;

/// <summary>One job, its log (a redirect to the log host) and re-running it.</summary>
internal static class JobEndpoints
{
    private const string Base = "/repos/{owner}/{repo}/actions/jobs/{job}";

    public static void Map(IEndpointRouteBuilder routes)
    {
        Endpoint.Get(routes, Base, GetJob);
        Endpoint.Get(routes, Base + "/logs", GetLogs);
        Endpoint.Post(routes, Base + "/rerun", Rerun);
    }

    private static IResult GetJob(HttpContext context, EmulatorRuntime runtime) =>
        Find(context, runtime) is { } found
            ? Endpoint.Object(runtime, (w, render) => JobJson.Write(w, found.Job, found.Attempt, render))
            : ApiResponse.NotFound();

    /// <summary>302 to a signed log-host link valid for a minute; 404 while no runner has started the job.</summary>
    private static IResult GetLogs(HttpContext context, EmulatorRuntime runtime)
    {
        if (Find(context, runtime) is not { Job.HasStarted: true } found)
        {
            return ApiResponse.NotFound();
        }

        var location = runtime.LogSigner.SignedJobLogUrl(runtime.Urls, found.Job.RunId, found.Job.Id);
        return new RedirectResult(location);
    }

    private static IResult Rerun(HttpContext context, EmulatorRuntime runtime)
    {
        if (Find(context, runtime) is not { } found)
        {
            return ApiResponse.NotFound();
        }

        if (runtime.State.Run(found.Job.RunId) is not { IsCompleted: true })
        {
            return ApiResponse.Error(StatusCodes.Status403Forbidden, "This workflow is already running",
                "https://docs.github.com/rest/actions/workflow-jobs#re-run-a-job-from-a-workflow-run");
        }

        runtime.State.Rerun(found.Job.RunId, RerunScope.Job, context.ApiRequest()!.User!.Login, found.Job.Id);
        return Endpoint.EmptyObject(StatusCodes.Status201Created);
    }

    private static (EmulatedJob Job, EmulatedRun Attempt)? Find(HttpContext context, EmulatorRuntime runtime) =>
        Endpoint.Repository(context, runtime) is { } view
        && Endpoint.Id(context, "job") is { } id
        && runtime.State.Job(id) is { } found
        && found.Attempt.RepositoryId == view.Repository.Id
            ? found
            : null;

    private sealed class RedirectResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status302Found;
            httpContext.Response.Headers.Location = location;
            httpContext.Response.ContentLength = 0;
            return Task.CompletedTask;
        }
    }
}
