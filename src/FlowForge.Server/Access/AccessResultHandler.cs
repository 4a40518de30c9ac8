using FlowForge.Core.Access;
using FlowForge.Core.Auditing;
using FlowForge.Server.Auditing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace FlowForge.Server.Access;

/// <summary>
/// Turns a refusal into its problem response: 404 when the route's instance is outside the key's scope (as if it did
/// not exist), else 403 saying which role is needed. A refused audited action leaves its one audit entry here, since
/// the endpoint (and its audit filter) never runs. Challenges (401) go to the authentication scheme as usual.
/// </summary>
internal sealed class AccessResultHandler(AuditRecorder audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!authorizeResult.Forbidden)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var failure = authorizeResult.AuthorizationFailure;
        var outOfScope = failure?.FailureReasons.Any(reason => reason is OutOfScopeReason) ?? false;
        var (status, title, detail) = outOfScope ? NotFound(context) : Forbidden(context, failure);
        if (context.GetEndpoint()?.Metadata.GetMetadata<AuditedMetadata>() is { } audited)
        {
            var reason = outOfScope ? "Refused: the instance is outside the key's instances." : $"Refused: {detail}";
            await audit.RecordAsync(context, audited.Action, status, reason, upstreamStatusCode: null, AuditOutcomes.Refused);
        }

        await AccessProblems.WriteAsync(context, status, title, detail);
    }

    /// <summary>The same answer as for an instance or pipeline that does not exist.</summary>
    private static (int, string, string) NotFound(HttpContext context)
    {
        var detail = RouteInstance.PipelineOf(context) is { } pipeline ? $"No pipeline '{pipeline}'." : $"No instance '{RouteInstance.Of(context)}'.";
        return (StatusCodes.Status404NotFound, "Not found.", detail);
    }

    private static (int, string, string) Forbidden(HttpContext context, AuthorizationFailure? failure)
    {
        var role = context.User.RoleOf()?.Name() ?? "none";
        var needed = failure?.FailedRequirements.OfType<RoleRequirement>().Select(requirement => requirement.Minimum).DefaultIfEmpty().Max();
        var detail = needed is { } minimum and not 0
            ? $"This key's role ({role}) does not allow this; it needs the {minimum.Name()} role."
            : failure?.FailedRequirements.OfType<UnrestrictedScopeRequirement>().Any() == true
                ? "This needs an admin key that is not limited to instances."
                : "This key does not allow this.";
        return (StatusCodes.Status403Forbidden, "Forbidden.", detail);
    }
}
