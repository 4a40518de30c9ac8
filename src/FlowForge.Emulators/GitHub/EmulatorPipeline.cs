using FlowForge.Emulators.GitHub.Api;
using FlowForge.Emulators.GitHub.Http;
using FlowForge.Emulators.GitHub.Logs;
using FlowForge.Emulators.GitHub.Middleware;
using FlowForge.Emulators.Infrastructure.Requests;
using Microsoft.AspNetCore.Builder;

namespace FlowForge.Emulators.GitHub;

/// <summary>
/// The request pipeline. Both listeners share one app: the request log sees everything first, then the log
/// host's requests branch off; API requests pass the path base, the gate (faults, auth, rate limit, headers)
/// and the id-path aliases before routing.
/// </summary>
internal static class EmulatorPipeline
{
    public static void Configure(WebApplication app, EmulatorRuntime runtime)
    {
        app.UseRequestLog(new GitHubRequestRecorder(runtime));
        app.MapWhen(runtime.IsLogHost, logs => logs.Run(context => LogHost.HandleAsync(context, runtime)));
        app.Map("/avatars/u", avatars => avatars.Run(Avatar.HandleAsync));

        if (runtime.PathBase.HasValue)
        {
            // Not UsePathBase: on a WebApplication it re-runs routing right away, before the id-path aliases rewrite the path.
            app.Use((context, next) =>
            {
                if (!context.Request.Path.StartsWithSegments(runtime.PathBase, out var remainder))
                {
                    return ApiResponse.NotFound().ExecuteAsync(context);
                }

                context.Request.PathBase = runtime.PathBase;
                context.Request.Path = remainder;
                return next(context);
            });
        }

        app.UseMiddleware<ApiGateMiddleware>();
        app.UseMiddleware<RepositoryAliasMiddleware>();
        app.UseRouting();

        ControlEndpoints.Map(app);
        UserEndpoints.Map(app);
        RepositoryEndpoints.Map(app);
        WorkflowEndpoints.Map(app);
        RunEndpoints.Map(app);
        JobEndpoints.Map(app);
        RateLimitEndpoints.Map(app);
        ContentEndpoints.Map(app);
        app.MapFallback(context => ApiResponse.NotFound().ExecuteAsync(context));
    }
}
