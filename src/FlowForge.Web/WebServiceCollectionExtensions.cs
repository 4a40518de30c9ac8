using FlowForge.Core.Access;
using FlowForge.Web.Actions;
using FlowForge.Web.Components;
using FlowForge.Web.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.Extensions.DependencyInjection;

public static class WebServiceCollectionExtensions
{
    /// <summary>The dashboard's components, rendered on the server and kept live over the Blazor circuit.</summary>
    public static IServiceCollection AddFlowForgeWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<LiveEvents>();
        services.AddSingleton<ActionAudit>();
        return services;
    }

    /// <summary>Static assets (open to all: the sign-in page needs them) and the dashboard's pages.</summary>
    public static IEndpointRouteBuilder MapFlowForgeWeb(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStaticAssets().AllowAnonymous();
        endpoints.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(AccessPolicies.Viewer);
        return endpoints;
    }
}
