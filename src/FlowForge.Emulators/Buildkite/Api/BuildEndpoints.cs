using System.Globalization;
using System.Text.Json.Nodes;
using FlowForge.Emulators.Buildkite.Http;
using FlowForge.Emulators.Buildkite.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowForge.Emulators.Buildkite.Api;

/// <summary>
/// Build listings (all, an organization's, a pipeline's: newest first, paged, jobs embedded), one build, and creating a
/// build. Filters: <c>state</c>, <c>branch</c>, <c>created_from</c>; <c>exclude_jobs</c>, <c>exclude_pipeline</c>,
/// <c>include_retried_jobs</c>.
/// </summary>
internal static class BuildEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        Routes.Get(routes, "/v2/builds", (context, runtime) =>
        {
            var allowed = context.Gate().User!.Organizations;
            var builds = runtime.State.Organizations()
                .Where(organization => allowed is null || allowed.Contains(organization.Slug))
                .SelectMany(organization => runtime.State.Builds(organization.Slug, null))
                .OrderByDescending(build => build.CreatedAt)
                .ToList();
            return List(context, runtime, builds);
        });
        Routes.Get(routes, "/v2/organizations/{org}/builds", (context, runtime) =>
            List(context, runtime, runtime.State.Builds(Routes.Organization(context, runtime).Slug, null)));
        Routes.Get(routes, "/v2/organizations/{org}/pipelines/{pipeline}/builds", (context, runtime) =>
        {
            var pipeline = Routes.Pipeline(context, runtime);
            return List(context, runtime, runtime.State.Builds(pipeline.Organization, pipeline.Slug));
        });
        Routes.Get(routes, "/v2/organizations/{org}/pipelines/{pipeline}/builds/{number}", (context, runtime) =>
        {
            Routes.RequireScope(context, "read_builds");
            return Reply.Json(Render(context, runtime, Routes.Build(context, runtime), stateCounts: true));
        });
        Routes.Map(routes, HttpMethods.Post, "/v2/organizations/{org}/pipelines/{pipeline}/builds", CreateAsync);
    }

    /// <summary>A build as the listing and read endpoints render it, honouring the <c>exclude_*</c> and <c>include_retried_jobs</c> parameters.</summary>
    public static JsonObject Render(HttpContext context, BuildkiteRuntime runtime, BuildkiteBuild build, bool stateCounts = false)
    {
        var pipeline = Routes.Flag(context, "exclude_pipeline") ? null : runtime.State.Pipeline(build.Organization, build.Pipeline);
        return BuildkiteJson.Build(
            build,
            pipeline is null ? null : PipelineEndpoints.Render(pipeline, runtime),
            runtime,
            includeJobs: !Routes.Flag(context, "exclude_jobs"),
            includeRetried: Routes.Flag(context, "include_retried_jobs"),
            stateCounts);
    }

    private static Reply List(HttpContext context, BuildkiteRuntime runtime, IReadOnlyList<BuildkiteBuild> builds)
    {
        Routes.RequireScope(context, "read_builds");
        var states = Routes.Values(context, "state");
        if (states.Remove("finished"))
        {
            states.UnionWith([BuildkiteStates.Passed, BuildkiteStates.Failed, BuildkiteStates.Blocked, BuildkiteStates.Canceled]);
        }

        var branches = Routes.Values(context, "branch");
        var createdFrom = DateTimeOffset.TryParse(context.Request.Query["created_from"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from)
            ? from
            : (DateTimeOffset?)null;
        var matching = builds
            .Where(build => states.Count == 0 || states.Contains(build.State))
            .Where(build => branches.Count == 0 || branches.Contains(build.Branch))
            .Where(build => createdFrom is null || build.CreatedAt >= createdFrom)
            .ToList();
        return Pages.Of(context, matching, build => Render(context, runtime, build), runtime);
    }

    /// <summary><c>POST …/builds</c>: <c>commit</c> and <c>branch</c> required (422 "Validation Failed" otherwise); the values are recorded as sent.</summary>
    private static async Task<IResult> CreateAsync(HttpContext context, BuildkiteRuntime runtime)
    {
        Routes.RequireScope(context, "write_builds");
        var pipeline = Routes.Pipeline(context, runtime);
        var body = await Routes.BodyAsync(context);
        var commit = Routes.Text(body, "commit");
        var branch = Routes.Text(body, "branch");
        var missing = new[] { ("commit", commit), ("branch", branch) }.Where(field => string.IsNullOrWhiteSpace(field.Item2)).Select(field => field.Item1).ToList();
        if (missing.Count > 0)
        {
            return Reply.Json(
                new JsonObject
                {
                    ["message"] = "Validation Failed",
                    ["errors"] = new JsonArray([.. missing.Select(field => (JsonNode?)new JsonObject { ["field"] = field, ["code"] = "missing_field" })]),
                },
                StatusCodes.Status422UnprocessableEntity);
        }

        if (pipeline.ArchivedAt is not null)
        {
            return Reply.Error(StatusCodes.Status422UnprocessableEntity, "Builds can't be created for an archived pipeline");
        }

        var clean = body.TryGetProperty("clean_checkout", out var flag) && flag.ValueKind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False
            ? flag.GetBoolean()
            : (bool?)null;
        var request = new BuildkiteTrigger(
            pipeline.Organization, pipeline.Slug, 0, commit!, branch!, Routes.Text(body, "message"), clean,
            Routes.Strings(body, "env"), Routes.Strings(body, "meta_data"), runtime.Time.GetUtcNow());
        var build = runtime.State.CreateBuild(request, context.Gate().Person);
        return Reply.Json(Render(context, runtime, build), StatusCodes.Status201Created);
    }
}
