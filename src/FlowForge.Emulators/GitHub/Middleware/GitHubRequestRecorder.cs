using FlowForge.Emulators.GitHub.Http;
using FlowForge.Emulators.Infrastructure.Faults;
using FlowForge.Emulators.Infrastructure.Http;
using FlowForge.Emulators.Infrastructure.Requests;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.GitHub.Middleware;

/// <summary>Both listeners' requests (not the scripting endpoints), with the API version asked for and what the gate decided.</summary>
internal sealed class GitHubRequestRecorder(EmulatorRuntime runtime) : IRequestRecorder
{
    public bool Records(HttpContext context) => runtime.IsLogHost(context) || !context.Request.Path.StartsWithSegments(runtime.ControlPath);

    public void Record(HttpContext context, ArrivedRequest request, int statusCode)
    {
        var feature = context.ApiRequest();
        var apiVersion = context.Request.Headers.TryGetValue("X-GitHub-Api-Version", out var version) ? version.ToString() : null;
        runtime.Requests.Add(new RecordedRequest(
            request.At,
            runtime.IsLogHost(context) ? "logs" : "api",
            request.Method,
            request.PathAndQuery,
            statusCode,
            request.HadAuthorization,
            request.IfNoneMatch,
            apiVersion,
            feature?.Charged ?? false)
        {
            Fault = context.Fault()?.Kind,
            RateLimited = feature?.RateLimited,
            RetryAfterSeconds = RetryAfter.Of(context.Response),
        });
    }
}
