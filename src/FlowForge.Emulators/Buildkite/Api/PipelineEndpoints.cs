using FlowForge.Emulators.Buildkite.Http;
using FlowForge.Emulators.Buildkite.Json;
using Microsoft.AspNetCore.Routing;

namespace FlowForge.Emulators.Buildkite.Api;

/// <summary><c>GET /v2/organizations/{org}/pipelines[/{slug}]</c>: paged, with the <c>name</c> and <c>repository</c> filters.</summary>
internal static class PipelineEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        Routes.Get(routes, "/v2/organizations/{org}/pipelines", (context, runtime) =>
        {
            Routes.RequireScope(context, "read_pipelines");
            var organization = Routes.Organization(context, runtime);
            var name = context.Request.Query["name"].ToString();
            var repository = context.Request.Query["repository"].ToString();
            var pipelines = runtime.State.Pipelines(organization.Slug)
                .Where(pipeline => name.Length == 0 || pipeline.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
                .Where(pipeline => repository.Length == 0 || pipeline.Repository.Contains(repository, StringComparison.OrdinalIgnoreCase))
                .ToList();
            return Pages.Of(context, pipelines, pipeline => Render(pipeline, runtime), runtime);
        });
        Routes.Get(routes, "/v2/organizations/{org}/pipelines/{pipeline}", (context, runtime) =>
        {
            Routes.RequireScope(context, "read_pipelines");
            return Reply.Json(Render(Routes.Pipeline(context, runtime), runtime));
        });
    }

    public static System.Text.Json.Nodes.JsonObject Render(BuildkitePipeline pipeline, BuildkiteRuntime runtime) =>
        BuildkiteJson.Pipeline(pipeline, runtime.State.Builds(pipeline.Organization, pipeline.Slug), runtime);
}
