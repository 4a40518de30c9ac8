using System.Globalization;
using System.Security.Claims;
using FlowForge.Core.Access;
using FlowForge.Core.Auditing;
using FlowForge.Server.Auditing;
using FlowForge.Server.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlowForge.Server.Access;

/// <summary><c>/api/v1/keys</c>: API keys, for admins whose key is not limited to instances.</summary>
internal static class KeysEndpoints
{
    public static IEndpointRouteBuilder MapKeysEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/keys").WithTags("Access").RequireAuthorization(AccessPolicies.GlobalAdmin);
        group.MapPost("/", CreateKey)
            .WithName("CreateKey")
            .WithSummary("Creates an API key. The answer holds the full key, shown this once: it cannot be retrieved again.")
            .ProducesValidationProblem()
            .Audited(AuditActions.KeyCreate);
        group.MapGet("/", ListKeys).WithName("ListKeys").WithSummary("Every key, newest first, revoked and expired ones included; never a secret.");
        group.MapGet("/{id}", GetKey).WithName("GetKey").WithSummary("One key; never its secret.").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", RevokeKey)
            .WithName("RevokeKey")
            .WithSummary("Revokes a key at once. It stays listed, for the audit trail; revoking twice changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Audited(AuditActions.KeyRevoke);
        return app;
    }

    private static async Task<Created<CreatedKeyResponse>> CreateKey(
        CreateKeyRequest request, ApiKeyService keys, ClaimsPrincipal user, HttpContext httpContext, TimeProvider time, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = request.Name ?? string.Empty,
            ["role"] = request.Role ?? string.Empty,
            ["expiresInDays"] = (request.ExpiresInDays ?? ApiKeyService.DefaultLifetimeDays).ToString(CultureInfo.InvariantCulture),
            ["instances"] = string.Join(',', request.Instances ?? []),
        };
        httpContext.SetAuditParameters(parameters);
        var created = await keys.CreateAsync(new ApiKeyDraft(request.Name, request.Role, request.ExpiresInDays, request.Instances), user.ActorLabel(), cancellationToken);
        parameters["keyId"] = created.Key.Id;
        httpContext.SetAuditParameters(parameters);
        return TypedResults.Created($"/api/v1/keys/{created.Key.Id}", new CreatedKeyResponse(created.Token, KeyResponse.From(created.Key, time.GetUtcNow())));
    }

    private static async Task<Ok<IReadOnlyList<KeyResponse>>> ListKeys(ApiKeyService keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<KeyResponse> result = [.. (await keys.ListAsync(cancellationToken)).Select(key => KeyResponse.From(key, now))];
        return TypedResults.Ok(result);
    }

    private static async Task<Ok<KeyResponse>> GetKey(string id, ApiKeyService keys, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(KeyResponse.From(await keys.FindAsync(id, cancellationToken), time.GetUtcNow()));

    private static async Task<NoContent> RevokeKey(
        string id, ApiKeyService keys, ClaimsPrincipal user, HttpContext httpContext, CancellationToken cancellationToken)
    {
        httpContext.SetAuditParameters(new Dictionary<string, string> { ["keyId"] = id });
        var key = await keys.RevokeAsync(id, user.ActorLabel(), cancellationToken);
        httpContext.SetAuditParameters(new Dictionary<string, string> { ["keyId"] = id, ["name"] = key.Name });
        return TypedResults.NoContent();
    }
}
