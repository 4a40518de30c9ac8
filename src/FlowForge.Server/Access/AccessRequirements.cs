using FlowForge.Core.Access;
using Microsoft.AspNetCore.Authorization;

namespace FlowForge.Server.Access;

/// <summary>The caller's role must include <see cref="Minimum"/>.</summary>
internal sealed class RoleRequirement(AccessRole minimum) : AuthorizationHandler<RoleRequirement>, IAuthorizationRequirement
{
    public AccessRole Minimum { get; } = minimum;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        if (context.User.RoleOf() is { } role && role.Includes(requirement.Minimum))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The instance the route names must be in the caller's scope; a route naming none passes (lists filter).</summary>
internal sealed class InstanceScopeRequirement : AuthorizationHandler<InstanceScopeRequirement>, IAuthorizationRequirement
{
    public static readonly InstanceScopeRequirement Instance = new();

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, InstanceScopeRequirement requirement)
    {
        var instanceId = context.Resource is HttpContext http ? RouteInstance.Of(http) : null;
        if (instanceId is null || AccessScope.From(context.User).Allows(instanceId))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new OutOfScopeReason(this));
        }

        return Task.CompletedTask;
    }
}

/// <summary>The caller must not be limited to instances (see <see cref="AccessPolicies.GlobalAdmin"/>).</summary>
internal sealed class UnrestrictedScopeRequirement : AuthorizationHandler<UnrestrictedScopeRequirement>, IAuthorizationRequirement
{
    public static readonly UnrestrictedScopeRequirement Instance = new();

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, UnrestrictedScopeRequirement requirement)
    {
        if (AccessScope.From(context.User).IsUnrestricted)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Marks a refusal that must look like "not found", so a scoped key cannot learn what else exists.</summary>
internal sealed class OutOfScopeReason(IAuthorizationHandler handler)
    : AuthorizationFailureReason(handler, "The route's instance is outside the key's instances.");
