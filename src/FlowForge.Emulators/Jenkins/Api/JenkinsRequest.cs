using FlowForge.Emulators.Jenkins.Http;
using FlowForge.Emulators.Jenkins.Json;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.Jenkins.Api;

/// <summary>One API request, its path already split into decoded names, its form already read.</summary>
internal sealed record JenkinsRequest(HttpContext Http, JenkinsRuntime Runtime, string[] Segments, IReadOnlyDictionary<string, string> Form)
{
    public string Method => Http.Request.Method;

    public bool IsPost => HttpMethods.IsPost(Method);

    public string? User => Http.Jenkins()?.User;

    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>A form field or query parameter, as Stapler's <c>getParameter</c> reads either.</summary>
    public string? Parameter(string name) => Form.GetValueOrDefault(name) ?? Query(name);

    /// <summary>An exported object written with the request's <c>tree</c> (or <c>depth</c>).</summary>
    public JenkinsResponse Export(ExportedObject value)
    {
        TreeSpec? tree = null;
        if (Query("tree") is { Length: > 0 } expression)
        {
            try
            {
                tree = TreeSpec.Parse(expression);
            }
            catch (FormatException exception)
            {
                return JenkinsResponse.Error(StatusCodes.Status500InternalServerError, $"Malformed tree expression: {exception.Message}");
            }
        }

        var depth = int.TryParse(Query("depth"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : 0;
        return JenkinsResponse.Ok(ExportWriter.Write(value, tree, depth));
    }

    /// <summary>Jenkins refuses a GET on a <c>@RequirePOST</c> action.</summary>
    public static JenkinsResponse RequiresPost() => JenkinsResponse.Error(StatusCodes.Status405MethodNotAllowed, "This URL requires POST");

    /// <summary>"Forward to the previous page": the <c>Referer</c>, or the given page.</summary>
    public JenkinsResponse BackTo(Uri fallback) =>
        JenkinsResponse.Redirect(StatusCodes.Status302Found,
            Uri.TryCreate(Http.Request.Headers.Referer.ToString(), UriKind.Absolute, out var referer) ? referer : fallback);
}
