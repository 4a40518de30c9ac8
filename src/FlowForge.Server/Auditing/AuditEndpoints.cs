using FlowForge.Core.Access;
using System.ComponentModel;
using System.Globalization;
using FlowForge.Core.Auditing;
using FlowForge.Core.Errors;
using FlowForge.Server.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlowForge.Server.Auditing;

/// <summary><c>GET /api/v1/audit</c>: the audit log, newest first, for admins whose key is not limited to instances.</summary>
internal static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", QueryAsync)
            .WithTags("Access")
            .WithName("QueryAudit")
            .WithSummary("Who did what, when, with which result: actions and administrative changes, newest first, with cursor paging.")
            .ProducesValidationProblem()
            .RequireAuthorization(AccessPolicies.GlobalAdmin);
        return app;
    }

    private static async Task<Ok<PageResponse<AuditEntryResponse>>> QueryAsync(
        [AsParameters] AuditQueryParameters parameters, IAuditLog log, CancellationToken cancellationToken)
    {
        var limit = parameters.Limit ?? 50;
        if (limit is < 1 or > AuditQuery.MaxLimit)
        {
            throw new ValidationFailedException("limit", $"The limit must be between 1 and {AuditQuery.MaxLimit}.");
        }

        var query = new AuditQuery(
            Blank(parameters.Actor),
            Blank(parameters.Action),
            Blank(parameters.Instance),
            Blank(parameters.Pipeline),
            Time(parameters.Since, "since"),
            Time(parameters.Until, "until"),
            Blank(parameters.Cursor),
            limit);
        AuditPage page;
        try
        {
            page = await log.QueryAsync(query, cancellationToken);
        }
        catch (ArgumentException exception) when (query.Cursor is not null)
        {
            throw new ValidationFailedException("cursor", exception.Message);
        }

        return TypedResults.Ok(new PageResponse<AuditEntryResponse>([.. page.Items.Select(AuditEntryResponse.From)], page.NextCursor, null));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTimeOffset? Time(string? value, string parameter) =>
        string.IsNullOrWhiteSpace(value)
            ? null
            : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : throw new ValidationFailedException(parameter, $"'{value}' is not a time; use ISO 8601, like 2026-01-31T12:00:00Z.");
}

internal sealed record AuditQueryParameters(
    [property: Description("Only entries by this actor (a key's name, or 'local').")] string? Actor,
    [property: Description("Only this action, like run.trigger or instance.update.")] string? Action,
    [property: Description("Only entries about this instance.")] string? Instance,
    [property: Description("Only entries about this pipeline (its key, instance/id).")] string? Pipeline,
    [property: Description("Entries at or after this time (ISO 8601).")] string? Since,
    [property: Description("Entries before this time (ISO 8601).")] string? Until,
    [property: Description("From the previous page's nextCursor.")] string? Cursor,
    [property: Description("Page size, 1-500. Default 50.")] int? Limit);
