using System.Text;
using FlowForge.Emulators.GitHub.Http;
using FlowForge.Emulators.GitHub.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowForge.Emulators.GitHub.Api;

/// <summary>
/// <c>GET /repos/{owner}/{repo}/contents/{path}</c> for the workflow files (and their directories), where clients
/// read <c>workflow_dispatch</c> inputs. <c>ref</c> (default: the default branch) must be a ref the repository has
/// (404 "No commit found for the ref …" otherwise); a ref holds the default branch's files except those changed on it
/// (<see cref="GitHubScenario.UpdateWorkflowFileAt"/>).
/// </summary>
internal static class ContentEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        Endpoint.Get(routes, "/repos/{owner}/{repo}/contents/{**path}", GetContent);

    private static IResult GetContent(HttpContext context, EmulatorRuntime runtime)
    {
        if (Endpoint.Repository(context, runtime) is not { } view)
        {
            return ApiResponse.NotFound();
        }

        var repository = view.Repository;
        var path = Endpoint.Route(context, "path").Trim('/');
        var gitRef = Endpoint.Query(context, "ref") ?? repository.DefaultBranch;
        if (!runtime.State.KnowsRef(repository.Id, gitRef))
        {
            return ApiResponse.Error(StatusCodes.Status404NotFound, $"No commit found for the ref {gitRef}", "https://docs.github.com/rest/repos/contents#get-repository-content");
        }

        var files = runtime.State.Workflows(repository.Id).ToDictionary(w => w.Path, w => runtime.State.FileAt(w, gitRef), StringComparer.Ordinal);
        if (files.TryGetValue(path, out var content))
        {
            var accept = context.Request.Headers.Accept.ToString();
            if (accept.Contains("application/vnd.github.raw", StringComparison.OrdinalIgnoreCase))
            {
                return new ApiResponse(StatusCodes.Status200OK, Encoding.UTF8.GetBytes(content), "application/vnd.github.raw; charset=utf-8");
            }

            return Endpoint.Object(runtime, (w, render) => ContentJson.WriteFile(w, repository, path, content, gitRef, render));
        }

        var prefix = path.Length == 0 ? "" : path + "/";
        var children = files.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (children.Count == 0)
        {
            return ApiResponse.NotFound();
        }

        // A directory lists its files and the first level of its subdirectories.
        return Endpoint.Object(runtime, (w, render) =>
        {
            w.WriteStartArray();
            foreach (var directory in children.Select(f => f.Key[prefix.Length..]).Where(r => r.Contains('/', StringComparison.Ordinal))
                .Select(r => r[..r.IndexOf('/', StringComparison.Ordinal)]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("type", "dir");
                w.WriteString("name", directory);
                w.WriteString("path", prefix + directory);
                w.WriteString("url", $"{render.Urls.Repository(repository.FullName)}/contents/{prefix}{directory}?ref={Uri.EscapeDataString(gitRef)}");
                w.WriteEndObject();
            }

            foreach (var (filePath, fileContent) in children.Where(f => !f.Key[prefix.Length..].Contains('/', StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                ContentJson.WriteEntry(w, repository, filePath, fileContent, gitRef, render);
            }

            w.WriteEndArray();
        });
    }
}
