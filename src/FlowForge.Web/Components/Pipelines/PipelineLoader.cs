using FlowForge.Abstractions.Domain;
using FlowForge.Core.Access;
using FlowForge.Core.Persistence;
using FlowForge.Core.Pipelines;

namespace FlowForge.Web.Components.Pipelines;

/// <summary>
/// Reads every pipeline the viewer may see, with its instance and baseline, for one page of one viewer. The list comes
/// from the in-memory read model and the baselines from their cache, so reading it again after every live event is
/// cheap; instances are read from the store only when a pipeline names one not seen yet.
/// </summary>
public sealed class PipelineLoader(PipelineReadModel readModel, IInstanceRepository instanceStore, PipelineBaselines baselines, AccessScope scope)
{
    private IReadOnlyList<ProviderInstance> _instances = [];
    private Dictionary<string, ProviderInstance> _byId = new(StringComparer.Ordinal);

    /// <summary>The instances the viewer may see, by display name: the instance and provider filters offer these.</summary>
    public IReadOnlyList<ProviderInstance> Instances => _instances;

    public async Task<IReadOnlyList<PipelineEntry>> LoadAsync(CancellationToken cancellationToken)
    {
        var summaries = new List<PipelineSummary>();
        string? cursor = null;
        do
        {
            var page = await readModel.ListAsync(new PipelineListQuery(Cursor: cursor, Limit: PipelineListQuery.MaxLimit, Scope: scope.Filter), cancellationToken);
            summaries.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        if (_byId.Count == 0 || summaries.Exists(summary => !_byId.ContainsKey(summary.Pipeline.Key.InstanceId)))
        {
            await LoadInstancesAsync(cancellationToken);
        }

        var known = await baselines.ForAsync(summaries, cancellationToken);
        return summaries.ConvertAll(summary =>
        {
            var instanceId = summary.Pipeline.Key.InstanceId;
            var instance = _byId.GetValueOrDefault(instanceId);
            return new PipelineEntry(summary, instance?.DisplayName ?? instanceId, instance?.Kind ?? "unknown", known.GetValueOrDefault(summary.Pipeline.Key, PipelineBaseline.None));
        });
    }

    private async Task LoadInstancesAsync(CancellationToken cancellationToken)
    {
        var all = await instanceStore.ListAsync(cancellationToken);
        _instances = [.. all.Where(instance => scope.Allows(instance.Id)).OrderBy(instance => instance.DisplayName, StringComparer.OrdinalIgnoreCase)];
        _byId = _instances.ToDictionary(instance => instance.Id, StringComparer.Ordinal);
    }
}
