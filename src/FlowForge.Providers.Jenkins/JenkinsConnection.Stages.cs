using System.Collections.Concurrent;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.Jenkins.Dtos;

namespace FlowForge.Providers.Jenkins;

/// <summary>
/// Stages and steps of a Pipeline build from the Stage View's <c>wfapi</c>: the build's description lists its stages, and
/// each stage's description its steps. A finished stage never changes, so its steps are read once per connection; while a
/// build runs, only its unfinished stages are read again.
/// </summary>
internal sealed partial class JenkinsConnection
{
    /// <summary>Bounds the finished stages one connection remembers; past it, the cache starts over.</summary>
    private const int StageCacheCapacity = 4096;

    private readonly ConcurrentDictionary<string, IReadOnlyList<FlowNodeDto>> _finishedStages = new(StringComparer.Ordinal);

    /// <returns>The stages as jobs; empty when the build has none or the Stage View is not installed.</returns>
    private async Task<IReadOnlyList<Job>> ListStagesAsync(Pipeline pipeline, Run run, long number, CancellationToken cancellationToken)
    {
        var buildPath = JenkinsPaths.BuildPath(pipeline.Repository, number);
        RunDescriptionDto description;
        try
        {
            description = await client.GetJsonAsync(client.Url($"{buildPath}wfapi/describe"), JenkinsJsonContext.Default.RunDescriptionDto, cancellationToken);
        }
        catch (ProviderException exception) when (exception.Kind == ProviderErrorKind.NotFound)
        {
            return [];
        }

        var jobs = new List<Job>();
        foreach (var stage in description.Stages ?? [])
        {
            var steps = await StepsAsync(buildPath, stage, cancellationToken);
            jobs.Add(mapper.MapStage(stage, steps, run.WebUrl));
        }

        return jobs;
    }

    private async Task<IReadOnlyList<FlowNodeDto>> StepsAsync(string buildPath, StageDto stage, CancellationToken cancellationToken)
    {
        var finished = mapper.MapStageStatus(stage.Status).IsFinished();
        var key = $"{client.Root.BaseUrl}{buildPath}{stage.Id}";
        if (finished && _finishedStages.TryGetValue(key, out var known))
        {
            return known;
        }

        var described = await client.GetJsonAsync(
            client.Url($"{buildPath}execution/node/{Uri.EscapeDataString(stage.Id)}/wfapi/describe"), JenkinsJsonContext.Default.StageDescriptionDto, cancellationToken);
        var steps = described.StageFlowNodes ?? [];
        if (finished)
        {
            if (_finishedStages.Count >= StageCacheCapacity)
            {
                _finishedStages.Clear();
            }

            _finishedStages[key] = steps;
        }

        return steps;
    }
}
