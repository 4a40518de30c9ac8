using FlowForge.Emulators.Buildkite.Http;
using FlowForge.Emulators.Infrastructure.Requests;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.Buildkite.Middleware;

/// <summary>Requests under <c>/v2</c> (the scripting endpoints are not), with what the gate decided about their cost.</summary>
internal sealed class BuildkiteRequestRecorder(BuildkiteRuntime runtime) : IRequestRecorder
{
    public bool Records(HttpContext context) => context.Request.Path.StartsWithSegments(BuildkiteRuntime.ApiVersionPath);

    public void Record(HttpContext context, ArrivedRequest request, int statusCode)
    {
        var gate = context.GateOrNull();
        runtime.Requests.Add(new BuildkiteRecordedRequest(
            request.At, request.Method, request.PathAndQuery, statusCode, request.HadAuthorization, request.IfNoneMatch,
            gate?.Costly ?? false, gate?.Fault?.Kind, gate?.RateLimited));
    }
}
