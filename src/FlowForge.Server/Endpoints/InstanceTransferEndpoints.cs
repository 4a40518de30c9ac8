using System.Globalization;
using FlowForge.Core.Access;
using FlowForge.Core.Auditing;
using FlowForge.Core.Errors;
using FlowForge.Core.Secrets;
using FlowForge.Secrets.Transfer;
using FlowForge.Server.Auditing;
using FlowForge.Server.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlowForge.Server.Endpoints;

/// <summary>
/// Export and import of instances (global admin): configuration in the clear, secrets only sealed under a passphrase
/// that is never stored; an import writes the secrets to this server's default store.
/// </summary>
internal static class InstanceTransferEndpoints
{
    public static IEndpointRouteBuilder MapInstanceTransferEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/instances").WithTags("Instances").RequireAuthorization(AccessPolicies.GlobalAdmin);
        group.MapPost("/export", Export).WithName("ExportInstances")
            .WithSummary("Exports instances; their secrets are carried only sealed (AES-256-GCM, Argon2id key from the passphrase).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .Audited(AuditActions.InstancesExport);
        group.MapPost("/import", Import).WithName("ImportInstances")
            .WithSummary("Creates the instances of an export, its secrets going to the default store; each instance's outcome is reported.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Audited(AuditActions.InstancesImport);
        return app;
    }

    private static async Task<Ok<ExportInstancesResponse>> Export(
        ExportInstancesRequest request, InstanceTransfer transfer, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var (document, missing) = await transfer.ExportAsync(request.Passphrase ?? string.Empty, request.Instances, cancellationToken);
        httpContext.SetAuditParameters(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["instances"] = string.Join(',', document.Instances.Select(instance => instance.Id)),
            ["missingSecrets"] = string.Join(',', missing.Select(pair => $"{pair.Key}:{string.Join('+', pair.Value)}")),
        });
        return TypedResults.Ok(new ExportInstancesResponse(document, missing));
    }

    private static async Task<Ok<ImportInstancesResponse>> Import(
        ImportInstancesRequest request, InstanceTransfer transfer, SecretResolver resolver, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (request.Document is null)
        {
            throw new ValidationFailedException("document", "The export document is missing.");
        }

        // Without a store for the secrets nothing is created: a 503 problem (ErrorStatus) rather than N failed instances.
        await resolver.InitializeAsync(cancellationToken);

        var outcomes = await transfer.ImportAsync(request.Document, request.Passphrase ?? string.Empty, cancellationToken);
        httpContext.SetAuditParameters(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["instances"] = string.Join(',', outcomes.Select(outcome => $"{outcome.Id}:{outcome.Status}")),
            ["created"] = outcomes.Count(outcome => outcome.Status == ImportOutcome.Created).ToString(CultureInfo.InvariantCulture),
        });
        return TypedResults.Ok(new ImportInstancesResponse(outcomes));
    }
}
