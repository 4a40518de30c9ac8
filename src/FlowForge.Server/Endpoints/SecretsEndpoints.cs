using FlowForge.Core.Access;
using FlowForge.Core.Auditing;
using FlowForge.Core.Secrets;
using FlowForge.Server.Auditing;
using FlowForge.Server.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlowForge.Server.Endpoints;

/// <summary>
/// An instance's secrets one field at a time (admin): their status, set or rotate, delete an optional one; and where
/// new secrets go. No answer ever holds a secret.
/// </summary>
internal static class SecretsEndpoints
{
    public static IEndpointRouteBuilder MapSecretsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/instances/{id}/secrets").WithTags("Secrets").RequireAuthorization(AccessPolicies.Admin);
        group.MapGet("/", ListSecrets).WithName("ListInstanceSecrets")
            .WithSummary("Each secret field of the instance: whether it is set, in which store, and when it last changed. Never a value.");
        group.MapPut("/{field}", SetSecret).WithName("SetInstanceSecret")
            .WithSummary("Sets or rotates a secret (the value, or env:NAME). The replaced secret is deleted from its store.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Audited(AuditActions.SecretSet);
        group.MapDelete("/{field}", DeleteSecret).WithName("DeleteInstanceSecret")
            .WithSummary("Removes an optional secret and deletes it from its store; a required one answers 409 (replace it instead).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .Audited(AuditActions.SecretDelete);
        app.MapGet("/api/v1/secrets/store", GetStore).WithTags("Secrets").WithName("GetSecretStore")
            .WithSummary("Where new secrets go on this server (keyring, vault or memory) and why.")
            .RequireAuthorization(AccessPolicies.Admin);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<SecretFieldResponse>>> ListSecrets(string id, InstanceSecrets secrets, CancellationToken cancellationToken)
    {
        IReadOnlyList<SecretFieldResponse> result = [.. (await secrets.ListAsync(id, cancellationToken)).Select(SecretFieldResponse.From)];
        return TypedResults.Ok(result);
    }

    // A store that cannot be reached throws SecretStoreUnavailableException: a 503 problem (ErrorStatus), nothing changed.
    private static async Task<Ok<SecretFieldResponse>> SetSecret(
        string id, string field, SetSecretRequest request, InstanceSecrets secrets, HttpContext httpContext, CancellationToken cancellationToken)
    {
        httpContext.SetAuditParameters(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["field"] = field,
            ["value"] = "***",
        });
        return TypedResults.Ok(SecretFieldResponse.From(await secrets.SetAsync(id, field, request.Value, cancellationToken)));
    }

    private static async Task<NoContent> DeleteSecret(
        string id, string field, InstanceSecrets secrets, HttpContext httpContext, CancellationToken cancellationToken)
    {
        httpContext.SetAuditParameters(new Dictionary<string, string>(StringComparer.Ordinal) { ["field"] = field });
        await secrets.DeleteAsync(id, field, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<SecretStoreResponse>> GetStore(SecretResolver resolver, CancellationToken cancellationToken)
    {
        var store = await resolver.InitializeAsync(cancellationToken);
        return TypedResults.Ok(new SecretStoreResponse(store, resolver.DefaultStoreReason));
    }
}
