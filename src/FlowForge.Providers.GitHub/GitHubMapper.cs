using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitHub.Dtos;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.GitHub;

/// <summary>
/// Turns GitHub DTOs into FlowForge's domain records, and GitHub's <c>status</c>/<c>conclusion</c> pairs into
/// <see cref="RunStatus"/> (provider-apis.md §1). A value GitHub adds later maps to <see cref="RunStatus.Unknown"/>
/// and is logged once; mapping never throws on a status word.
/// </summary>
internal sealed class GitHubMapper(ILogger<GitHubMapper> logger)
{
    private readonly UnknownValues _unknown = new(logger, "GitHub");

    public static WatchableSource MapSource(RepositoryDto repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return new WatchableSource(
            repository.FullName,
            repository.Name,
            repository.Description,
            repository.DefaultBranch,
            ToUri(repository.HtmlUrl),
            repository.Archived,

            // Workflow files change only by a push; settings changes (archiving, renames) move updated_at.
            $"{repository.PushedAt?.ToUnixTimeSeconds()}/{repository.UpdatedAt?.ToUnixTimeSeconds()}");
    }

    /// <param name="repository">The repository's <c>full_name</c> (<c>owner/repo</c>).</param>
    public static Pipeline MapPipeline(string instanceId, WorkflowDto workflow, string repository, string? defaultBranch)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return new Pipeline(
            new PipelineKey(instanceId, workflow.Id.ToString(CultureInfo.InvariantCulture)),
            workflow.Name,
            repository,
            defaultBranch,
            ToUri(workflow.HtmlUrl),
            workflow.Path,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["state"] = workflow.State });
    }

    public Run MapRun(string instanceId, WorkflowRunDto run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var completed = IsCompleted(run.Status);
        return new Run(
            new PipelineKey(instanceId, run.WorkflowId.ToString(CultureInfo.InvariantCulture)),
            run.Id.ToString(CultureInfo.InvariantCulture),
            run.RunNumber,
            run.RunAttempt ?? 1,
            MapStatus(run.Status, run.Conclusion),
            FormatProviderStatus(run.Status, run.Conclusion),
            run.DisplayTitle ?? run.Name,
            run.Event,
            run.TriggeringActor?.Login ?? run.Actor?.Login,
            run.HeadBranch,
            string.IsNullOrEmpty(run.HeadSha)
                ? null
                : new CommitInfo(run.HeadSha, run.HeadCommit?.Message, run.HeadCommit?.Author?.Name, run.HeadCommit?.Author?.Email),
            run.CreatedAt,
            run.RunStartedAt,
            completed ? run.UpdatedAt : null,
            run.UpdatedAt,
            ToUri(run.HtmlUrl),
            Run.NoParameters);
    }

    public Job MapJob(JobDto job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new Job(
            job.Id.ToString(CultureInfo.InvariantCulture),
            job.Name,
            MapStatus(job.Status, job.Conclusion),
            FormatProviderStatus(job.Status, job.Conclusion),
            Stage: null,
            job.RunnerName,
            job.StartedAt,
            job.CompletedAt,
            ToUri(job.HtmlUrl),
            job.Steps is { } steps ? [.. steps.Select(MapStep)] : []);
    }

    public Step MapStep(StepDto step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new Step(step.Number, step.Name, MapStatus(step.Status, step.Conclusion), step.StartedAt, step.CompletedAt);
    }

    /// <summary>Maps a run's, job's or step's <c>status</c> and <c>conclusion</c> to the unified status.</summary>
    public RunStatus MapStatus(string? status, string? conclusion)
    {
        if (IsCompleted(status))
        {
            return MapConclusion(conclusion) ?? _unknown.Status("conclusion", conclusion);
        }

        if (MapActiveStatus(status) is { } active)
        {
            return active;
        }

        // A status word FlowForge does not know (or none at all): a conclusion, if any, still says how it ended.
        if (!string.IsNullOrEmpty(conclusion) && MapConclusion(conclusion) is { } concluded)
        {
            _unknown.Report("status", status);
            return concluded;
        }

        return _unknown.Status("status", status);
    }

    /// <summary>The provider's words as FlowForge shows them: <c>in_progress</c>, or <c>completed/failure</c> once finished.</summary>
    public static string FormatProviderStatus(string? status, string? conclusion)
    {
        var shownStatus = string.IsNullOrEmpty(status) ? "unknown" : status;
        return IsCompleted(status) && !string.IsNullOrEmpty(conclusion) ? $"{shownStatus}/{conclusion}" : shownStatus;
    }

    private static bool IsCompleted(string? status) => string.Equals(status, "completed", StringComparison.OrdinalIgnoreCase);

    private static RunStatus? MapActiveStatus(string? status) => status?.ToUpperInvariant() switch
    {
        "REQUESTED" or "QUEUED" or "PENDING" => RunStatus.Queued,
        "WAITING" => RunStatus.Waiting,
        "IN_PROGRESS" => RunStatus.Running,
        _ => null,
    };

    private static RunStatus? MapConclusion(string? conclusion) => conclusion?.ToUpperInvariant() switch
    {
        "SUCCESS" => RunStatus.Succeeded,
        "NEUTRAL" => RunStatus.SucceededWithWarnings,
        "FAILURE" or "TIMED_OUT" or "STARTUP_FAILURE" => RunStatus.Failed,
        "CANCELLED" => RunStatus.Cancelled,
        "SKIPPED" or "STALE" => RunStatus.Skipped,
        "ACTION_REQUIRED" => RunStatus.Waiting,
        _ => null,
    };

    internal static Uri? ToUri(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
}
