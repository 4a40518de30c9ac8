using FlowForge.Emulators.Infrastructure.Http;
using FlowForge.Emulators.Infrastructure.Requests;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.GitLab.Middleware;

/// <summary>API requests (not the scripting endpoints), with GitLab's token header and what the throttle decided.</summary>
internal sealed class GitLabRequestRecorder(GitLabRuntime runtime) : IRequestRecorder
{
    public bool Records(HttpContext context) => !context.Request.Path.StartsWithSegments(GitLabRuntime.ControlPath);

    public void Record(HttpContext context, ArrivedRequest request, int statusCode)
    {
        var feature = context.GitLabRequest();
        runtime.Requests.Add(new GitLabRequest(
            request.At,
            request.Method,
            request.PathAndQuery,
            statusCode,
            request.HadAuthorization || context.Request.Headers.ContainsKey("PRIVATE-TOKEN"),
            feature?.Counted is not null && !feature.Throttled,
            feature?.Fault?.Kind,
            feature?.Throttled ?? false,
            RetryAfter.Of(context.Response)));
    }
}
