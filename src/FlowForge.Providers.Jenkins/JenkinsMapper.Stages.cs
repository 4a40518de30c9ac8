using FlowForge.Abstractions.Domain;
using FlowForge.Providers.Jenkins.Dtos;

namespace FlowForge.Providers.Jenkins;

/// <summary>Pipeline stages (the Stage View's <c>wfapi</c>) as jobs, their flow nodes as steps.</summary>
internal sealed partial class JenkinsMapper
{
    /// <summary>The one job of a build without stages (a freestyle job, or a Pipeline that declares none).</summary>
    public const string WholeBuildJobId = "build";

    /// <param name="buildUrl">The build's page, for the stage's link.</param>
    public Job MapStage(StageDto stage, IReadOnlyList<FlowNodeDto> steps, Uri? buildUrl)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(steps);
        var status = MapStageStatus(stage.Status);
        var (started, finished) = Times(status, stage.StartTimeMillis, stage.DurationMillis);
        return new Job(
            stage.Id,
            stage.Name,
            status,
            stage.Status ?? "unknown",
            Stage: null,
            string.IsNullOrEmpty(stage.ExecNode) ? null : stage.ExecNode,
            started,
            finished,
            buildUrl is null ? null : new Uri(buildUrl, $"execution/node/{Uri.EscapeDataString(stage.Id)}/"),
            [.. steps.Select((step, index) => MapStep(step, index + 1))]);
    }

    public Step MapStep(FlowNodeDto node, int number)
    {
        ArgumentNullException.ThrowIfNull(node);
        var status = MapStageStatus(node.Status);
        var (started, finished) = Times(status, node.StartTimeMillis, node.DurationMillis);
        var name = string.IsNullOrWhiteSpace(node.ParameterDescription) ? node.Name : $"{node.Name}: {node.ParameterDescription}";
        return new Step(number, name, status, started, finished);
    }

    /// <summary>A build without stages as one job with the build's own status, times and console.</summary>
    public static Job WholeBuild(Run run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new Job(
            WholeBuildJobId,
            "Build",
            run.Status,
            run.ProviderStatus,
            Stage: null,
            Runner: null,
            run.StartedAt,
            run.FinishedAt,
            run.WebUrl is null ? null : new Uri(run.WebUrl, "console"),
            []);
    }

    /// <summary>Times of a stage or step: none for one that never ran, no end for one still running or waiting.</summary>
    private static (DateTimeOffset? Started, DateTimeOffset? Finished) Times(RunStatus status, long startMillis, long durationMillis)
    {
        var started = status == RunStatus.Skipped ? null : FromMilliseconds(startMillis);
        return (started, started is { } start && status.IsFinished() ? start.AddMilliseconds(Math.Max(0, durationMillis)) : null);
    }
}
