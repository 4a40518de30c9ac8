using FlowForge.Emulators.Infrastructure.Requests;
using FlowForge.Emulators.Jenkins.Http;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.Jenkins.Middleware;

/// <summary>Every request but the scripting ones, with the Basic user, the crumb, and whether the controller did the work.</summary>
internal sealed class JenkinsRequestRecorder(JenkinsRuntime runtime) : IRequestRecorder
{
    public bool Records(HttpContext context) => !context.Request.Path.StartsWithSegments(runtime.ControlPath, StringComparison.Ordinal);

    public void Record(HttpContext context, ArrivedRequest request, int statusCode)
    {
        var feature = context.Jenkins();
        runtime.Requests.Add(new JenkinsRecordedRequest(
            request.At, request.Method, request.PathAndQuery, statusCode, request.HadAuthorization, feature?.User, feature?.Served == true && statusCode < 400)
        {
            Fault = feature?.Fault?.Kind,
            HadCrumb = feature?.HadCrumb ?? false,
        });
    }
}
