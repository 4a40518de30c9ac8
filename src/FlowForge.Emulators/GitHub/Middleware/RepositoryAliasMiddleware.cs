using System.Globalization;
using FlowForge.Emulators.GitHub.Http;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.GitHub.Middleware;

/// <summary>
/// Serves <c>/repositories/{id}/…</c> and <c>/organizations/{id}/…</c>, the id-based paths GitHub puts in its
/// paging links, by rewriting them to the name-based routes.
/// </summary>
internal sealed class RepositoryAliasMiddleware(RequestDelegate next, EmulatorRuntime runtime)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/repositories", out var rest))
        {
            var (id, remainder) = Split(rest);
            if (id is not { } repositoryId || runtime.State.Repository(repositoryId) is not { } repository)
            {
                await ApiResponse.NotFound().ExecuteAsync(context);
                return;
            }

            context.Request.Path = new PathString("/repos/" + repository.FullName).Add(remainder);
        }
        else if (path.StartsWithSegments("/organizations", out rest))
        {
            var (id, remainder) = Split(rest);
            if (id is not { } accountId || runtime.State.Account(accountId) is not { IsOrganization: true } organization)
            {
                await ApiResponse.NotFound().ExecuteAsync(context);
                return;
            }

            context.Request.Path = new PathString("/orgs/" + organization.Login).Add(remainder);
        }

        await next(context);
    }

    private static (long? Id, PathString Remainder) Split(PathString rest)
    {
        var value = rest.Value ?? "";
        if (value.Length < 2)
        {
            return (null, PathString.Empty);
        }

        var end = value.IndexOf('/', 1);
        var segment = end < 0 ? value[1..] : value[1..end];
        var remainder = end < 0 ? PathString.Empty : new PathString(value[end..]);
        return long.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? (id, remainder) : (null, remainder);
    }
}
