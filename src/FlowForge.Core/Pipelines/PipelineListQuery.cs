using FlowForge.Abstractions.Domain;

namespace FlowForge.Core.Pipelines;

/// <summary>A page of the pipelines list: filters, then keyset paging in (repository, name, key) order.</summary>
/// <param name="Status">The status of the pipeline's latest run.</param>
/// <param name="Text">Matched, case-insensitively, against name, repository, key and the latest run's branch and title.</param>
/// <param name="Scope">Only pipelines of these instances (the caller's access scope); null for every instance.</param>
public sealed record PipelineListQuery(
    string? Instance = null,
    RunStatus? Status = null,
    string? Repository = null,
    string? Text = null,
    string? Cursor = null,
    int Limit = 100,
    IReadOnlySet<string>? Scope = null)
{
    public const int MaxLimit = 1000;
}

/// <param name="Total">How many pipelines match the filters, over all pages.</param>
/// <param name="Version">The store version the page was read at; equal versions mean equal data.</param>
public sealed record PipelineListPage(IReadOnlyList<Persistence.PipelineSummary> Items, string? NextCursor, int Total, long Version);
