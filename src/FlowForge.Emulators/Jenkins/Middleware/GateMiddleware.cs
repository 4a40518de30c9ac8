using FlowForge.Emulators.Infrastructure.Faults;
using FlowForge.Emulators.Infrastructure.Http;
using FlowForge.Emulators.Jenkins.Http;
using FlowForge.Emulators.Jenkins.State;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlowForge.Emulators.Jenkins.Middleware;

/// <summary>
/// The front door of every request under the context path: Jenkins' headers on whatever the answer is, a queued fault,
/// HTTP Basic with a user's API token (401 for wrong credentials, 403 for anonymous when anonymous may not read), and the
/// CSRF crumb on POSTs when the controller wants one. Jenkins sends no rate-limit headers.
/// </summary>
internal sealed class GateMiddleware(RequestDelegate next, JenkinsRuntime runtime, ILogger<GateMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var feature = new JenkinsRequestFeature();
        context.Features.Set(feature);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["X-Jenkins"] = runtime.Options.Version;
            headers["X-Jenkins-Session"] = runtime.Session;
            headers["X-Content-Type-Options"] = "nosniff";
            headers.Server = "Jetty(12.0.16)";
            return Task.CompletedTask;
        });

        feature.Fault = context.TakeFault(runtime.Faults);
        if (FaultResponse(feature.Fault) is { } faulted)
        {
            await faulted.ExecuteAsync(context);
            return;
        }

        var request = context.Request;
        if (Credentials(request.Headers.Authorization.ToString()) is var (user, token))
        {
            if (!runtime.State.Authenticates(user, token))
            {
                await JenkinsResponse.Error(StatusCodes.Status401Unauthorized, $"Invalid password/token for user: {user}")
                    .WithHeader("WWW-Authenticate", "Basic realm=\"Jenkins\"")
                    .ExecuteAsync(context);
                return;
            }

            feature.User = user;
        }
        else if (!runtime.Options.AllowAnonymousRead && !IsUnprotected(context))
        {
            await JenkinsResponse.Error(StatusCodes.Status403Forbidden, "Authentication required")
                .WithHeader("X-You-Are-Authenticated-As", "anonymous")
                .WithHeader("X-Required-Permission", "hudson.model.Hudson.Read")
                .WithHeader("X-Permission-Implied-By", "hudson.model.Hudson.Administer")
                .ExecuteAsync(context);
            return;
        }

        feature.HadCrumb = request.Headers.ContainsKey(CrumbIssuer.Field);
        if (HttpMethods.IsPost(request.Method) && runtime.Options.RequireCrumb
            && !runtime.Crumbs.IsValid(request.Cookies[runtime.Crumbs.CookieName], request.Headers[CrumbIssuer.Field].ToString()))
        {
            await JenkinsResponse.Error(StatusCodes.Status403Forbidden, "No valid crumb was included in the request").ExecuteAsync(context);
            return;
        }

        await HandlerFailure.AnswerAsync(context, () => next(context), logger, () => JenkinsResponse.Error(StatusCodes.Status500InternalServerError, "Server Error"));
    }

    private static JenkinsResponse? FaultResponse(JenkinsFault? fault) => fault switch
    {
        JenkinsFault.UnauthorizedFault => JenkinsResponse.Error(StatusCodes.Status401Unauthorized, "Invalid password/token for user: (revoked)")
            .WithHeader("WWW-Authenticate", "Basic realm=\"Jenkins\""),
        JenkinsFault.ServerErrorFault => JenkinsResponse.Error(StatusCodes.Status500InternalServerError, "Server Error"),
        JenkinsFault.TooManyRequestsFault tooMany => JenkinsResponse.Error(StatusCodes.Status429TooManyRequests, "Too Many Requests")
            .WithHeader("Retry-After", Seconds(tooMany.RetryAfter)),
        JenkinsFault.ServiceUnavailableFault unavailable => JenkinsResponse.Error(StatusCodes.Status503ServiceUnavailable, "Jenkins is getting ready to work")
            .WithHeader("Retry-After", Seconds(unavailable.RetryAfter)),
        _ => null,
    };

    /// <summary>User and API token of a Basic header; null for none, no user, or another scheme (Jenkins treats those as anonymous).</summary>
    private static (string User, string Token)? Credentials(string authorization) =>
        AuthorizationHeader.Basic(authorization) is { User.Length: > 0 } basic ? basic : null;

    /// <summary><c>/whoAmI</c> is an unprotected root action: anonymous users may ask who they are.</summary>
    private bool IsUnprotected(HttpContext context) =>
        context.Request.Path.StartsWithSegments(runtime.ContextPath.Add("/whoAmI"), StringComparison.Ordinal);

    private static string Seconds(TimeSpan span) => JenkinsRuntime.Text((long)Math.Ceiling(span.TotalSeconds));
}
