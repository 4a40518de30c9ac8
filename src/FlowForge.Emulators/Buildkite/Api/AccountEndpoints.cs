using System.Text.Json.Nodes;
using FlowForge.Emulators.Buildkite.Http;
using FlowForge.Emulators.Buildkite.Json;
using Microsoft.AspNetCore.Routing;

namespace FlowForge.Emulators.Buildkite.Api;

/// <summary><c>/v2/user</c>, <c>/v2/access-token</c> and the organizations the token may see.</summary>
internal static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        Routes.Get(routes, "/v2/user", (context, _) =>
        {
            Routes.RequireScope(context, "read_user");
            return Reply.Json(BuildkiteJson.Person(context.Gate().Person));
        });
        Routes.Get(routes, "/v2/access-token", (context, _) =>
        {
            var user = context.Gate().User!;
            return Reply.Json(new JsonObject
            {
                ["uuid"] = State.BuildkiteState.DeterministicId("token:" + user.UserEmail),
                ["scopes"] = new JsonArray([.. (user.Scopes ?? AllScopes).Select(scope => (JsonNode?)scope)]),
                ["description"] = "FlowForge emulator token",
                ["created_at"] = "2025-07-16 06:07:42 UTC",
                ["expires_at"] = null,
                ["user"] = new JsonObject { ["name"] = user.UserName, ["email"] = user.UserEmail },
            });
        });
        Routes.Get(routes, "/v2/organizations", (context, runtime) =>
        {
            Routes.RequireScope(context, "read_organizations");
            var allowed = context.Gate().User!.Organizations;
            var organizations = runtime.State.Organizations().Where(organization => allowed is null || allowed.Contains(organization.Slug)).ToList();
            return Pages.Of(context, organizations, organization => BuildkiteJson.Organization(organization, runtime), runtime);
        });
        Routes.Get(routes, "/v2/organizations/{org}", (context, runtime) =>
        {
            Routes.RequireScope(context, "read_organizations");
            return Reply.Json(BuildkiteJson.Organization(Routes.Organization(context, runtime), runtime));
        });
    }

    /// <summary>What a token created with every box ticked has (the scopes FlowForge uses among them).</summary>
    public static IReadOnlyList<string> AllScopes { get; } =
    [
        "read_user", "read_organizations", "read_pipelines", "write_pipelines", "read_builds", "write_builds", "read_build_logs", "read_agents",
    ];
}
