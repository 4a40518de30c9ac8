using FlowForge.Core.Access;
using System.ComponentModel;
using System.Text.Json;
using FlowForge.Core.Errors;
using FlowForge.Core.Persistence;
using FlowForge.Core.Pipelines;
using FlowForge.Server.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace FlowForge.Server.Endpoints;

internal static class PipelinesEndpoints
{
    public static IEndpointRouteBuilder MapPipelinesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/pipelines").WithTags("Pipelines").RequireAuthorization(AccessPolicies.Viewer);
        group.MapGet("/", ListPipelines)
            .WithName("ListPipelines")
            .WithSummary("Every watched pipeline with its latest run; filters and cursor paging; ETag/304.")
            .Produces<PageResponse<PipelineResponse>>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified);
        group.MapGet("/{instanceId}/{pipelineId}", GetPipeline).WithName("GetPipeline");
        return app;
    }

    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult>> ListPipelines(
        [AsParameters] PipelineListParameters parameters,
        PipelineReadModel readModel,
        PipelineListCache cache,
        AccessScope scope,
        IOptions<JsonOptions> json,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var query = new PipelineListQuery(
            parameters.Instance,
            RunStatusQuery.Parse(parameters.Status, "status"),
            parameters.Repository,
            string.IsNullOrWhiteSpace(parameters.Q) ? null : parameters.Q.Trim(),
            parameters.Cursor,
            parameters.Limit ?? 100,
            scope.Filter);
        if (query.Limit is < 1 or > PipelineListQuery.MaxLimit)
        {
            throw new ValidationFailedException("limit", $"The limit must be between 1 and {PipelineListQuery.MaxLimit}.");
        }

        // Equal store versions mean equal data, so the version, the query and the caller's instance scope make an
        // exact ETag and cache key (callers with different scopes get different answers to the same query).
        var version = await readModel.CurrentVersionAsync(cancellationToken);
        var queryText = $"{httpContext.Request.QueryString.Value}#{scope.CacheKey}";
        var etag = new EntityTagHeaderValue($"\"v{version}-{StableHash(queryText)}\"");
        if (httpContext.Request.GetTypedHeaders().IfNoneMatch.Any(candidate => candidate.Compare(etag, useStrongComparison: false)))
        {
            httpContext.Response.Headers.ETag = etag.ToString();
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var body = cache.Find(version, queryText);
        if (body is null)
        {
            var page = await readModel.ListAsync(query, cancellationToken);
            var response = new PageResponse<PipelineResponse>([.. page.Items.Select(PipelineResponse.From)], page.NextCursor, page.Total);
            body = JsonSerializer.SerializeToUtf8Bytes(response, json.Value.SerializerOptions.GetTypeInfo(typeof(PageResponse<PipelineResponse>)));
            if (page.Version != version)
            {
                // The store moved while the page was read: the answer is fine, but it is not the one the ETag names.
                return TypedResults.Bytes(body, "application/json; charset=utf-8");
            }

            cache.Keep(version, queryText, body);
        }

        httpContext.Response.Headers.ETag = etag.ToString();
        return TypedResults.Bytes(body, "application/json; charset=utf-8");
    }

    private static async Task<Ok<PipelineResponse>> GetPipeline(
        string instanceId, string pipelineId, IPipelineReader reader, CancellationToken cancellationToken)
    {
        var key = RouteKeys.Pipeline(instanceId, pipelineId);
        var pipeline = await reader.FindPipelineAsync(key, cancellationToken) ?? throw new NotFoundException($"No pipeline '{key}'.");
        var latest = await reader.ListRunsAsync(key, new RunQuery(1, null, null, null), cancellationToken);
        return TypedResults.Ok(PipelineResponse.From(new PipelineSummary(pipeline, latest.Runs.Count > 0 ? latest.Runs[0] : null)));
    }

    private static string StableHash(string? text)
    {
        var hash = 17u;
        foreach (var character in text ?? string.Empty)
        {
            hash = unchecked((hash * 31) + character);
        }

        return hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }
}

internal sealed record PipelineListParameters(
    [property: Description("Only pipelines of this instance.")] string? Instance,
    [property: Description("Only pipelines whose latest run has this status (queued, running, succeeded, failed, ...).")] string? Status,
    [property: Description("Only pipelines of this repository (owner/name).")] string? Repository,
    [property: Description("Text to find in name, repository, key, branch or title.")] string? Q,
    [property: Description("From the previous page's nextCursor.")] string? Cursor,
    [property: Description("Page size, 1-1000. Default 100.")] int? Limit);
