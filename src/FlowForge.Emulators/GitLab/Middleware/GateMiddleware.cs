using System.Globalization;
using FlowForge.Emulators.GitLab.Api;
using FlowForge.Emulators.Infrastructure.Faults;
using FlowForge.Emulators.Infrastructure.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlowForge.Emulators.GitLab.Middleware;

/// <summary>
/// The front door of every API request: identifies the caller (<c>PRIVATE-TOKEN</c>, or an OAuth or job token as
/// <c>Authorization: Bearer</c>), applies a queued fault, counts the request against its throttle (429 <c>Retry
/// later</c> past it), refuses it without a valid token (401), and stamps GitLab's <c>RateLimit-*</c> headers on
/// whatever the answer turns out to be.
/// </summary>
internal sealed class GateMiddleware(RequestDelegate next, GitLabRuntime runtime, ILogger<GateMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments(GitLabRuntime.ControlPath))
        {
            await next(context);
            return;
        }

        if (!request.Path.StartsWithSegments(GitLabRuntime.ApiPath))
        {
            // GitLab's web UI is not emulated; its URLs answer as an unknown route.
            await ApiResult.Message(StatusCodes.Status404NotFound, "404 Not Found").ExecuteAsync(context);
            return;
        }

        var token = Token(request);
        var user = token is null ? null : runtime.State.UserForToken(token);
        var feature = new GitLabRequestFeature
        {
            User = user,
            ThrottleKey = user?.Username ?? "ip:" + context.Connection.RemoteIpAddress,
            Fault = context.TakeFault(runtime.Faults),
        };
        context.Features.Set(feature);
        context.Response.OnStarting(() =>
        {
            Stamp(context.Response, feature);
            return Task.CompletedTask;
        });

        switch (feature.Fault)
        {
            case GitLabFault.ServerErrorFault:
                await ApiResult.Message(StatusCodes.Status500InternalServerError, "500 Internal Server Error").ExecuteAsync(context);
                return;
            case GitLabFault.UnauthorizedFault:
                await ApiResult.Message(StatusCodes.Status401Unauthorized, "401 Unauthorized").ExecuteAsync(context);
                return;
            case GitLabFault.ThrottledFault throttled:
                await Throttled(throttled.SendRetryAfter ? throttled.RetryAfter : null).ExecuteAsync(context);
                return;
        }

        var counted = runtime.Throttle.Count(feature.ThrottleKey);
        feature.Counted = counted;
        if (counted.Exceeded)
        {
            feature.Throttled = true;
            await Throttled(counted.Reset - runtime.Time.GetUtcNow()).ExecuteAsync(context);
            return;
        }

        if (user is null)
        {
            await ApiResult.Message(StatusCodes.Status401Unauthorized, "401 Unauthorized").ExecuteAsync(context);
            return;
        }

        await HandlerFailure.AnswerAsync(context, () => next(context), logger, () => ApiResult.Message(StatusCodes.Status500InternalServerError, "500 Internal Server Error"));
    }

    private static string? Token(HttpRequest request)
    {
        if (request.Headers.TryGetValue("PRIVATE-TOKEN", out var privateToken) && privateToken.ToString() is { Length: > 0 } value)
        {
            return value;
        }

        return AuthorizationHeader.Token(request.Headers.Authorization.ToString(), "Bearer");
    }

    /// <summary>Rack::Attack's answer: plain <c>Retry later</c>, with <c>Retry-After</c> where GitLab sends it.</summary>
    private static ApiResult Throttled(TimeSpan? retryAfter) =>
        ApiResult.Plain(StatusCodes.Status429TooManyRequests, "Retry later\n")
            .WithHeader("Retry-After", retryAfter is { } wait ? Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture) : null);

    private void Stamp(HttpResponse response, GitLabRequestFeature feature)
    {
        var state = feature.Counted ?? runtime.Throttle.Peek(feature.ThrottleKey);
        var throttledFault = feature.Fault is GitLabFault.ThrottledFault;
        var headers = response.Headers;
        headers["RateLimit-Name"] = feature.User is null ? "throttle_unauthenticated_api" : "throttle_authenticated_api";
        headers["RateLimit-Limit"] = state.Limit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Observed"] = (throttledFault ? state.Limit + 1 : state.Observed).ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = (throttledFault ? 0 : state.Remaining).ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = state.Reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-ResetTime"] = state.Reset.ToString("R", CultureInfo.InvariantCulture);
    }
}
