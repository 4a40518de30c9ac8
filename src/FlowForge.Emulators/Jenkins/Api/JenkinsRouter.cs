using FlowForge.Emulators.Jenkins.Http;
using FlowForge.Emulators.Jenkins.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Emulators.Jenkins.Api;

/// <summary>
/// Routes Jenkins' URL space, where an item's path is as deep as its folders (<c>/job/a/job/b/job/c/42/api/json</c>):
/// <c>job/{name}</c> pairs lead to the item, and what follows is the item's (or its build's) own resource.
/// </summary>
internal static class JenkinsRouter
{
    public static async Task HandleAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<JenkinsRuntime>();
        var segments = Segments(context, runtime);
        var form = await FormAsync(context);
        var request = new JenkinsRequest(context, runtime, segments, form);
        var (result, served) = runtime.State.Read(() => Route(request));
        context.Jenkins()!.Served = served;
        await result.ExecuteAsync(context);
    }

    private static (JenkinsResponse Result, bool Served) Route(JenkinsRequest request)
    {
        var state = request.Runtime.State;
        var segments = request.Segments;
        var node = state.Root;
        var index = 0;
        while (index + 1 < segments.Length && segments[index] == "job" && node.IsFolder)
        {
            node = node.Children.FirstOrDefault(child => child.Name == segments[index + 1]);
            if (node is null)
            {
                return (JenkinsResponse.NotFound(), false);
            }

            index += 2;
        }

        var rest = segments[index..];
        var result = rest switch
        {
            [] => JenkinsResponse.Page(node.Kind == ItemKind.Root ? "Dashboard [Jenkins]" : $"{node.FullDisplayName} [Jenkins]"),
            ["api", "json"] => request.Export(Json.ItemJson.Of(state, node)),
            _ when node.Kind == ItemKind.Root => RootEndpoints.Route(request, rest),
            _ when node.Job is not null => JobEndpoints.Route(request, node, rest),
            _ => null,
        };
        return result is null ? (JenkinsResponse.NotFound(), false) : (result, true);
    }

    /// <summary>The path below the context path, split at '/' and each name decoded (<c>feature%252Fx</c> → <c>feature%2Fx</c>).</summary>
    private static string[] Segments(HttpContext context, JenkinsRuntime runtime)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var path = raw.Split('?', 2)[0];
        if (!path.StartsWith('/') && Uri.TryCreate(path, UriKind.Absolute, out var absolute))
        {
            // The absolute form of a request target (through a proxy); on Unix a path alone would parse as a file URI.
            path = absolute.AbsolutePath;
        }

        var contextPath = runtime.ContextPath.Value ?? "";
        path = path.StartsWith(contextPath, StringComparison.Ordinal) ? path[contextPath.Length..] : path;
        return [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString)];
    }

    private static async Task<IReadOnlyDictionary<string, string>> FormAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType)
        {
            return new Dictionary<string, string>();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return form.ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal);
    }
}
