using System.Globalization;
using System.Text;
using FlowForge.Emulators.GitLab.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowForge.Emulators.GitLab.Api;

/// <summary>One job, its log (<c>trace</c>), and retrying or playing it.</summary>
internal static class JobEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        Endpoint.Get(api, "/projects/{id}/jobs/{jobId}", (context, runtime) =>
            Find(context, runtime) is var (job, pipeline)
                ? Endpoint.Json(StatusCodes.Status200OK, runtime, (w, render) => PipelineJson.Job(w, job, pipeline, render))
                : Endpoint.NotFound("Job"));

        // The raw log as far as the job got: empty before it started, growing while it runs.
        Endpoint.Get(api, "/projects/{id}/jobs/{jobId}/trace", (context, runtime) =>
            Find(context, runtime) is var (job, _)
                ? new ApiResult(StatusCodes.Status200OK, Encoding.UTF8.GetBytes(job.Trace), ApiResult.TextType)
                    .WithHeader("Content-Disposition", $"infile; filename=\"{job.Id.ToString(CultureInfo.InvariantCulture)}.log\"")
                : Endpoint.NotFound("Job"));

        Endpoint.Post(api, "/projects/{id}/jobs/{jobId}/retry", (context, runtime) => Task.FromResult<IResult>(Act(
            context, runtime, StatusCodes.Status201Created, job => runtime.State.RetryJob(job.Id, Endpoint.Caller(context).Username),
            StatusCodes.Status403Forbidden, "403 Forbidden - ")));

        Endpoint.Post(api, "/projects/{id}/jobs/{jobId}/play", (context, runtime) => Task.FromResult<IResult>(Act(
            context, runtime, StatusCodes.Status200OK, job => runtime.State.PlayJob(job.Id, Endpoint.Caller(context).Username),
            StatusCodes.Status400BadRequest, "400 Bad request - ")));
    }

    /// <summary>Runs a job action; its refusal (the job not in a state for it) is <paramref name="refusalStatus"/> with GitLab's wording.</summary>
    private static ApiResult Act(HttpContext context, GitLabRuntime runtime, int status, Func<GitLabJob, GitLabJob> action, int refusalStatus, string refusalPrefix)
    {
        if (Find(context, runtime) is not var (job, _))
        {
            return Endpoint.NotFound("Job");
        }

        try
        {
            var result = action(job);
            var pipeline = runtime.State.Pipeline(result.PipelineId)!;
            return Endpoint.Json(status, runtime, (w, render) => PipelineJson.Job(w, pipeline.Jobs.First(candidate => candidate.Id == result.Id), pipeline, render));
        }
        catch (InvalidOperationException refused)
        {
            return ApiResult.Message(refusalStatus, refusalPrefix + refused.Message);
        }
    }

    private static (GitLabJob Job, GitLabPipeline Pipeline)? Find(HttpContext context, GitLabRuntime runtime) =>
        Endpoint.Project(context, runtime) is { } project && Endpoint.Id(context, "jobId") is { } id
            && runtime.State.Job(id) is var (job, pipeline) && pipeline.ProjectId == project.Id
                ? (job, pipeline)
                : null;
}
