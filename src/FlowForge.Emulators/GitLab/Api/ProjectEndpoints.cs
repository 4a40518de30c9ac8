using FlowForge.Emulators.GitLab.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowForge.Emulators.GitLab.Api;

/// <summary>The user, the token, projects (keyset or offset paging) and a group's projects (with subgroups).</summary>
internal static class ProjectEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        Endpoint.Get(api, "/user", (context, runtime) =>
            Endpoint.Json(StatusCodes.Status200OK, runtime, (w, render) => ResourceJson.User(w, Endpoint.Caller(context), render.Web)));

        Endpoint.Get(api, "/personal_access_tokens/self", (context, runtime) => Endpoint.Json(StatusCodes.Status200OK, runtime, (w, _) =>
        {
            var user = Endpoint.Caller(context);
            w.WriteStartObject();
            w.WriteNumber("id", 4_200_000 + user.Id);
            w.WriteString("name", "flowforge");
            w.WriteBoolean("revoked", false);
            w.Time("created_at", runtime.State.Now.AddDays(-30));
            w.WriteNull("description");
            w.WriteStartArray("scopes");
            foreach (var scope in runtime.Options.TokenScopes)
            {
                w.WriteStringValue(scope);
            }

            w.WriteEndArray();
            w.WriteNumber("user_id", user.Id);
            w.Time("last_used_at", runtime.State.Now);
            w.WriteBoolean("active", true);
            w.WriteNull("expires_at");
            w.WriteEndObject();
        }));

        Endpoint.Get(api, "/projects", (context, runtime) => List(context, runtime, runtime.State.Projects(), keysetAllowed: true));

        Endpoint.Get(api, "/projects/{id}", (context, runtime) => Endpoint.Project(context, runtime) is { } project
            ? Endpoint.Json(StatusCodes.Status200OK, runtime, (w, render) => ResourceJson.Project(w, project, runtime.State.Group(project.NamespacePath), render.Web, simple: false))
            : Endpoint.ProjectNotFound());

        Endpoint.Get(api, "/groups/{id}/projects", (context, runtime) => runtime.State.Group(Endpoint.Route(context, "id")) is { } group
            ? List(context, runtime, runtime.State.GroupProjects(group, Endpoint.Flag(context, "include_subgroups")), keysetAllowed: false)
            : ApiResult.Message(StatusCodes.Status404NotFound, "404 Group Not Found"));
    }

    /// <summary>
    /// Filters (<c>archived</c>, <c>search</c>), orders (<c>order_by</c> id, name, path, created_at — the default —,
    /// last_activity_at; <c>sort</c>) and pages a project list. Every project counts as one the caller is a member of.
    /// </summary>
    private static ApiResult List(HttpContext context, GitLabRuntime runtime, IReadOnlyList<GitLabProject> projects, bool keysetAllowed)
    {
        var archived = Endpoint.Query(context, "archived");
        var search = Endpoint.Query(context, "search");
        var filtered = projects
            .Where(project => archived is null || project.Archived == (archived == "true"))
            .Where(project => search is null || project.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || project.Path.Contains(search, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var orderBy = Endpoint.Query(context, "order_by") ?? "created_at";
        var descending = Endpoint.Query(context, "sort") != "asc";
        var simple = Endpoint.Flag(context, "simple");
        byte[] Render(IReadOnlyList<GitLabProject> page) => Endpoint.Array(runtime, page, (w, project, render) =>
            ResourceJson.Project(w, project, runtime.State.Group(project.NamespacePath), render.Web, simple));

        if (Endpoint.Query(context, "pagination") == "keyset")
        {
            // GitLab pages projects by keyset only in id order, and only on /projects.
            return keysetAllowed && orderBy == "id"
                ? Paging.Keyset(context.Request, runtime.ApiBase, filtered, project => project.Id, descending, Render)
                : ApiResult.Message(StatusCodes.Status405MethodNotAllowed, "405 Method Not Allowed");
        }

        Func<GitLabProject, object> key = orderBy switch
        {
            "id" => project => project.Id,
            "name" => project => project.Name,
            "path" => project => project.Path,
            "last_activity_at" => project => project.LastActivityAt,
            _ => project => project.CreatedAt,
        };
        var ordered = (descending ? filtered.OrderByDescending(key) : filtered.OrderBy(key)).ThenBy(project => project.Id).ToList();
        return Paging.Offset(context.Request, runtime.ApiBase, ordered, Render);
    }
}
