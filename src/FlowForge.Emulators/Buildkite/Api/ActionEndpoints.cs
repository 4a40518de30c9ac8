using FlowForge.Emulators.Buildkite.Http;
using FlowForge.Emulators.Buildkite.Json;
using FlowForge.Emulators.Buildkite.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowForge.Emulators.Buildkite.Api;

/// <summary>
/// What <c>write_builds</c> allows on builds and jobs: cancel (422 unless scheduled, running or failing), rebuild (a new
/// build), retry failed jobs (202), retry a job and unblock a block step, the job actions also on the
/// organization-scoped routes (<c>/v2/organizations/{org}/jobs/{id}/…</c>).
/// </summary>
internal static class ActionEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        const string build = "/v2/organizations/{org}/pipelines/{pipeline}/builds/{number}";
        Put(routes, build + "/cancel", (context, runtime, target) =>
            Rendered(context, runtime, runtime.State.Change(target.Organization, target.Pipeline, target.Number, BuildProgress.Cancel)));
        Put(routes, build + "/rebuild", (context, runtime, target) =>
            Rendered(context, runtime, runtime.State.Rebuild(target.Organization, target.Pipeline, target.Number, context.Gate().Person)));
        Put(routes, build + "/retry_failed_jobs", (context, runtime, target) =>
        {
            var retried = runtime.State.Change(target.Organization, target.Pipeline, target.Number, (entity, now) =>
            {
                var failed = entity.Current.Where(job => job.IsCommand && job.State is BuildkiteStates.Failed or BuildkiteStates.TimedOut or BuildkiteStates.Canceled).ToList();
                return failed.Count == 0
                    ? throw new RefusedException(StatusCodes.Status422UnprocessableEntity, "There are no failed jobs to retry")
                    : BuildProgress.Retry(entity, failed, now);
            });
            var json = BuildEndpoints.Render(context, runtime, Current(runtime, target));
            json["retried_jobs_count"] = retried;
            return Reply.Json(json, StatusCodes.Status202Accepted);
        });
        foreach (var prefix in (string[])[build + "/jobs/{job}", "/v2/organizations/{org}/jobs/{job}"])
        {
            Put(routes, prefix + "/retry", (context, runtime, target) =>
            {
                var jobId = Routes.Value(context, "job");
                var retry = runtime.State.Change(target.Organization, target.Pipeline, target.Number, (entity, now) =>
                {
                    BuildProgress.Retry(entity, [entity.Jobs.Find(job => job.Id == jobId) ?? throw new KeyNotFoundException()], now);
                    return entity.Jobs[entity.Jobs.FindIndex(job => job.Id == jobId) + 1].Id;
                });
                return JobReply(runtime, target, retry);
            });
            Put(routes, prefix + "/unblock", (context, runtime, target) =>
            {
                var jobId = Routes.Value(context, "job");
                var fields = Routes.Strings((System.Text.Json.JsonElement)context.Items[BodyKey]!, "fields");
                runtime.State.Change(target.Organization, target.Pipeline, target.Number, (entity, now) =>
                    BuildProgress.Unblock(entity, entity.Jobs.Find(job => job.Id == jobId) ?? throw new KeyNotFoundException(), context.Gate().Person, fields, now));
                return JobReply(runtime, target, jobId);
            });
        }
    }

    private static readonly object BodyKey = new();

    private static void Put(IEndpointRouteBuilder routes, string pattern, Func<HttpContext, BuildkiteRuntime, BuildkiteBuild, IResult> handler) =>
        Routes.Map(routes, HttpMethods.Put, pattern, async (context, runtime) =>
        {
            Routes.RequireScope(context, "write_builds");
            context.Items[BodyKey] = await Routes.BodyAsync(context);
            var target = context.Request.RouteValues.ContainsKey("pipeline")
                ? Routes.Build(context, runtime)
                : runtime.State.BuildOfJob(Routes.Organization(context, runtime).Slug, Routes.Value(context, "job")) ?? throw new KeyNotFoundException();
            return handler(context, runtime, target);
        });

    private static Reply Rendered(HttpContext context, BuildkiteRuntime runtime, BuildkiteBuild build) =>
        Reply.Json(BuildEndpoints.Render(context, runtime, build));

    private static BuildkiteBuild Current(BuildkiteRuntime runtime, BuildkiteBuild build) =>
        runtime.State.Build(build.Organization, build.Pipeline, build.Number) ?? throw new KeyNotFoundException();

    private static Reply JobReply(BuildkiteRuntime runtime, BuildkiteBuild target, string jobId)
    {
        var build = Current(runtime, target);
        return Reply.Json(BuildkiteJson.Job(build.Jobs.First(job => job.Id == jobId), build, runtime));
    }
}
