using FlowForge.Emulators.GitHub.Http;
using FlowForge.Emulators.GitHub.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowForge.Emulators.GitHub.Api;

internal static class RepositoryEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        Endpoint.Get(routes, "/repos/{owner}/{repo}", GetRepository);

    private static IResult GetRepository(HttpContext context, EmulatorRuntime runtime) =>
        Endpoint.Repository(context, runtime) is { } view
            ? Endpoint.Object(runtime, (w, render) => RepositoryJson.WriteFull(w, view, render))
            : ApiResponse.NotFound();
}
