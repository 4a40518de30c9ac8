using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowForge.Emulators.GitLab.Api;

/// <summary>
/// <c>GET /projects/:id/repository/files/:file_path/raw?ref=</c>: a file's text at a branch, tag or commit (the
/// default branch without <c>ref</c>), with GitLab's <c>X-Gitlab-*</c> headers. No ETag: whether GitLab sends one
/// here is not established, and FlowForge must be right without.
/// </summary>
internal static class FileEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        Endpoint.Get(api, "/projects/{id}/repository/files/{filePath}/raw", (context, runtime) =>
        {
            if (Endpoint.Project(context, runtime) is not { } project)
            {
                return Endpoint.ProjectNotFound();
            }

            var path = Endpoint.Route(context, "filePath");
            var gitRef = Endpoint.Query(context, "ref") ?? project.DefaultBranch;
            var file = runtime.State.File(project.Id, path, gitRef);
            if (!file.RefExists)
            {
                return Endpoint.NotFound("Commit");
            }

            if (file.Content is null)
            {
                return Endpoint.NotFound("File");
            }

            var bytes = Encoding.UTF8.GetBytes(file.Content);
            return new ApiResult(StatusCodes.Status200OK, bytes, ApiResult.TextType)
                .WithHeader("X-Gitlab-Blob-Id", file.BlobId)
                .WithHeader("X-Gitlab-File-Name", Path.GetFileName(path))
                .WithHeader("X-Gitlab-File-Path", path)
                .WithHeader("X-Gitlab-Ref", gitRef)
                .WithHeader("X-Gitlab-Size", bytes.Length.ToString(CultureInfo.InvariantCulture))
                .WithHeader("X-Gitlab-Content-Sha256", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        });
}
