using System.Text.Json.Nodes;
using FlowForge.Emulators.Buildkite.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowForge.Emulators.Buildkite.Api;

/// <summary>
/// Job logs: <c>…/jobs/{id}/log</c> as JSON (<c>{"url","content","size","header_times"}</c>) or, with
/// <c>Accept: text/plain</c>, as text; <c>…/log.txt</c> as text. Wait and block steps have none (404).
/// </summary>
internal static class JobEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        foreach (var prefix in (string[])["/v2/organizations/{org}/pipelines/{pipeline}/builds/{number}/jobs/{job}", "/v2/organizations/{org}/jobs/{job}"])
        {
            Routes.Get(routes, prefix + "/log", (context, runtime) => Log(context, runtime, raw: context.Request.Headers.Accept.ToString().Contains("text/plain", StringComparison.OrdinalIgnoreCase)));
            Routes.Get(routes, prefix + "/log.txt", (context, runtime) => Log(context, runtime, raw: true));
        }
    }

    private static Reply Log(Microsoft.AspNetCore.Http.HttpContext context, BuildkiteRuntime runtime, bool raw)
    {
        Routes.RequireScope(context, "read_build_logs");
        var jobId = Routes.Value(context, "job");
        var build = context.Request.RouteValues.ContainsKey("pipeline")
            ? Routes.Build(context, runtime)
            : runtime.State.BuildOfJob(Routes.Organization(context, runtime).Slug, jobId) ?? throw new KeyNotFoundException();
        var job = build.Jobs.FirstOrDefault(candidate => candidate.Id == jobId && candidate.Type == "script") ?? throw new KeyNotFoundException();
        if (raw)
        {
            return Reply.Text(job.Log);
        }

        return Reply.Json(new JsonObject
        {
            ["url"] = runtime.Api($"organizations/{build.Organization}/pipelines/{build.Pipeline}/builds/{build.Number}/jobs/{job.Id}/log"),
            ["content"] = job.Log,
            ["size"] = System.Text.Encoding.UTF8.GetByteCount(job.Log),
            ["header_times"] = new JsonArray(),
        });
    }
}
