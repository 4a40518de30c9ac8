using FlowForge.Core.Access;
using FlowForge.Abstractions.Domain;
using FlowForge.Core.Http;
using FlowForge.Server.Access;
using FlowForge.Server.Auditing;
using FlowForge.Server.Contracts;
using FlowForge.Server.Demo;
using FlowForge.Server.Endpoints;
using FlowForge.Server.Errors;
using Scalar.AspNetCore;

namespace FlowForge.Server.Hosting;

internal static class FlowForgeServerExtensions
{
    /// <summary>Everything the server needs: store, secrets, providers, core services, HTTP plumbing.</summary>
    public static WebApplicationBuilder AddFlowForgeServer(this WebApplicationBuilder builder, bool demo)
    {
        DefaultSettings.Apply(builder.Configuration);
        ListenAddresses.Apply(builder);

        // The dashboard's files (and Blazor's script) come from the build output when FlowForge runs from source,
        // in any environment: `dotnet run` is how people start it. A published build has them in wwwroot instead.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        var databasePath = DataDirectory.DatabasePath(builder.Configuration, demo);
        builder.Services.AddFlowForgeStorage(databasePath);
        SecretsSetup.ApplyDemoDefault(builder.Configuration, demo);
        builder.Services.AddFlowForgeSecrets(Path.GetDirectoryName(databasePath)!);
        builder.Services.AddFlowForgeCore();
        builder.AddFlowForgeAccess();
        builder.Services.AddFlowForgeWebhooks();
        builder.Services.AddGitHubProvider();
        builder.Services.AddGitLabProvider();
        builder.Services.AddBuildkiteProvider();
        builder.Services.AddJenkinsProvider();
        builder.Services.AddProviderHttpResilience();

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            json.SerializerOptions.Converters.Add(new CamelCaseEnumConverter<RunStatus>());
        });
        builder.Services.AddSingleton<PipelineListCache>();
        builder.Services.AddSingleton<InstanceViews>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer<ApiKeySecurityScheme>());
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        builder.Services.AddFlowForgeWeb();

        if (demo)
        {
            builder.Configuration[DemoMode.EnabledKey] = "true";
            builder.Services.AddHostedService<DemoEnvironment>();
        }

        return builder;
    }

    /// <summary>The HTTP pipeline and every endpoint.</summary>
    public static WebApplication MapFlowForgeServer(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        // Before the body limit, so a caller without a key learns nothing, not even the size limit.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRequestBodyLimit();
        app.UseAntiforgery();

        app.MapOpenApi().RequireAuthorization(AccessPolicies.Viewer);
        app.MapScalarApiReference("/api", options => options.WithTitle("FlowForge API"))
            .RequireAuthorization(AccessPolicies.Viewer)
            .Finally(AccessSetup.RemoveAnonymousAccess);
        app.MapHealthChecks("/health").AllowAnonymous();

        app.MapProvidersEndpoints();
        app.MapInstancesEndpoints();
        app.MapSecretsEndpoints();
        app.MapInstanceTransferEndpoints();
        app.MapPipelinesEndpoints();
        app.MapRunsEndpoints();
        app.MapWebhooksEndpoints();
        app.MapEventsEndpoints();
        app.MapKeysEndpoints();
        app.MapAuditEndpoints();
        app.MapOperationsEndpoints();
        app.MapSessionEndpoints();
        app.MapFlowForgeWeb();
        return app;
    }
}
