using FlowForge.Emulators.GitHub.Http;
using FlowForge.Emulators.GitHub.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowForge.Emulators.GitHub.Api;

/// <summary><c>/user</c>, <c>/user/repos</c> and <c>/orgs/{org}/repos</c>.</summary>
internal static class UserEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        Endpoint.Get(routes, "/user", GetUser);
        Endpoint.Get(routes, "/user/repos", ListUserRepositories);
        Endpoint.Get(routes, "/orgs/{org}/repos", ListOrganizationRepositories);
    }

    private static IResult GetUser(HttpContext context, EmulatorRuntime runtime)
    {
        var user = context.ApiRequest()!.User!;
        var owned = runtime.State.Repositories().Count(r => r.Owner.Equals(user.Login, StringComparison.OrdinalIgnoreCase));
        return Endpoint.Object(runtime, (w, render) => AccountJson.WritePrivate(w, user, owned, render));
    }

    // Every repository is visible to every token: the emulator models one tenant.
    private static IResult ListUserRepositories(HttpContext context, EmulatorRuntime runtime)
    {
        var repositories = Sort(runtime.State.Repositories(), context, defaultSort: "full_name");
        return Endpoint.Paged(context, runtime, repositories, null, "user/repos",
            (w, repository, render) => RepositoryJson.WriteStandard(w, render.Repository(repository.Id), render));
    }

    private static IResult ListOrganizationRepositories(HttpContext context, EmulatorRuntime runtime)
    {
        if (runtime.State.Account(Endpoint.Route(context, "org")) is not { IsOrganization: true } organization)
        {
            return ApiResponse.NotFound();
        }

        var owned = runtime.State.Repositories().Where(r => r.Owner.Equals(organization.Login, StringComparison.OrdinalIgnoreCase)).ToArray();
        return Endpoint.Paged(context, runtime, Sort(owned, context, defaultSort: "created"), null, $"organizations/{organization.Id}/repos",
            (w, repository, render) => RepositoryJson.WriteStandard(w, render.Repository(repository.Id), render));
    }

    /// <summary>GitHub's sort/direction: direction defaults to asc for full_name and to desc otherwise.</summary>
    private static IReadOnlyList<EmulatedRepository> Sort(IEnumerable<EmulatedRepository> repositories, HttpContext context, string defaultSort)
    {
        var sort = Endpoint.Query(context, "sort") ?? defaultSort;
        var descending = (Endpoint.Query(context, "direction") ?? (sort == "full_name" ? "asc" : "desc")) == "desc";
        Func<EmulatedRepository, object> key = sort switch
        {
            "created" => r => r.CreatedAt,
            "updated" => r => r.UpdatedAt,
            "pushed" => r => r.PushedAt,
            _ => r => r.FullName.ToUpperInvariant(),
        };
        var ordered = descending
            ? repositories.OrderByDescending(key).ThenByDescending(r => r.Id)
            : repositories.OrderBy(key).ThenBy(r => r.Id);
        return [.. ordered];
    }
}
