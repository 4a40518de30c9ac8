using FlowForge.Core.Access;
using FlowForge.Server.Auditing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace FlowForge.Server.Access;

internal static class AccessSetup
{
    /// <summary>Authentication for the configured mode, the role policies, instance scope, and the audit log's services.</summary>
    public static WebApplicationBuilder AddFlowForgeAccess(this WebApplicationBuilder builder)
    {
        var mode = AuthOptions.ModeOf(builder.Configuration);
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddFlowForgeAccessAndAudit();

        // Only the mode's own schemes exist, so nothing can name the always-admin scheme while keys are required.
        if (mode == AuthMode.ApiKeys)
        {
            // Keys for API clients, and a session cookie made from a key for browsers (see BrowserSessions).
            services.AddAuthentication(options =>
                {
                    options.DefaultScheme = BrowserSessions.SelectorScheme;
                    options.DefaultChallengeScheme = BrowserSessions.ChallengeScheme;
                })
                .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
                .AddBrowserSessions();
        }
        else
        {
            services.AddAuthentication(LocalAuthenticationHandler.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, LocalAuthenticationHandler>(LocalAuthenticationHandler.SchemeName, null);
        }

        // An endpoint that names no policy still needs a viewer: a new endpoint is never open by omission.
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.Viewer, Policy(AccessRole.Viewer))
            .AddPolicy(AccessPolicies.Operator, Policy(AccessRole.Operator))
            .AddPolicy(AccessPolicies.Admin, Policy(AccessRole.Admin))
            .AddPolicy(AccessPolicies.GlobalAdmin, Policy(AccessRole.Admin, UnrestrictedScopeRequirement.Instance))
            .SetFallbackPolicy(Policy(AccessRole.Viewer));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessResultHandler>();
        services.AddSingleton<AuditRecorder>();
        services.AddHttpContextAccessor();
        services.AddScoped(provider => AccessScope.From(provider.GetRequiredService<IHttpContextAccessor>().HttpContext?.User));
        return builder;
    }

    /// <summary>
    /// Takes back an anonymous opening a library gave its own endpoints (the API reference serves its script that way),
    /// so with keys required every endpoint but health and webhooks asks for one.
    /// </summary>
    public static void RemoveAnonymousAccess(EndpointBuilder endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        foreach (var anonymous in endpoint.Metadata.OfType<IAllowAnonymous>().ToList())
        {
            endpoint.Metadata.Remove(anonymous);
        }
    }

    private static AuthorizationPolicy Policy(AccessRole minimum, params IAuthorizationRequirement[] more) =>
        new AuthorizationPolicyBuilder()
            .AddRequirements([new RoleRequirement(minimum), InstanceScopeRequirement.Instance, .. more])
            .Build();
}
