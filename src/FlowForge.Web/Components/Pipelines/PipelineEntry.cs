using FlowForge.Abstractions.Domain;
using FlowForge.Core.Persistence;
using FlowForge.Core.Pipelines;

namespace FlowForge.Web.Components.Pipelines;

/// <summary>One pipeline as the dashboard shows it: the pipeline, its latest run, its instance and what it usually does.</summary>
/// <remarks>A class, not a record: its derived texts are worked out once, which a record's <c>with</c> would copy stale.</remarks>
public sealed class PipelineEntry(PipelineSummary summary, string instanceName, string providerKind, PipelineBaseline baseline)
{
    public PipelineSummary Summary { get; } = summary;

    public string InstanceName { get; } = instanceName;

    /// <summary>The instance's provider kind: <c>github</c>, <c>gitlab</c>, ….</summary>
    public string ProviderKind { get; } = providerKind;

    public PipelineBaseline Baseline { get; } = baseline;

    public Pipeline Pipeline => Summary.Pipeline;

    public Run? LatestRun => Summary.LatestRun;

    /// <summary>The pipeline key as text, <c>{instance}/{id}</c>: the favourites' and the rows' identity.</summary>
    public string Key { get; } = summary.Pipeline.Key.ToString();

    public StatusBucket Bucket => StatusBuckets.Of(LatestRun?.Status);

    /// <summary>Its latest run failed, or one is running now and the last finished one failed: it is still broken.</summary>
    public bool IsFailing => LatestRun?.Status == RunStatus.Failed
        || (LatestRun?.Status.IsActive() == true && Baseline.LastFinishedStatus == RunStatus.Failed);

    /// <summary>The pipeline's page, <c>pipelines/{instanceId}/{pipelineId}</c>, relative to the base address.</summary>
    public string Href => $"pipelines/{Uri.EscapeDataString(Pipeline.Key.InstanceId)}/{Uri.EscapeDataString(Pipeline.Key.NativeId)}";

    /// <summary>The commit message's first line, or the run's title when there is no commit message.</summary>
    public string? Message { get; } = FirstLine(summary.LatestRun?.Commit?.Message) ?? FirstLine(summary.LatestRun?.Title);

    public string? Author => LatestRun?.Commit?.AuthorName ?? LatestRun?.Actor;

    private static string? FirstLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return (end < 0 ? text : text[..end]).Trim();
    }
}
