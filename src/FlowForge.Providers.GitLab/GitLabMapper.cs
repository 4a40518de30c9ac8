using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitLab.Dtos;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.GitLab;

/// <summary>
/// Turns GitLab DTOs into FlowForge's domain records, and GitLab's pipeline and job <c>status</c> words into
/// <see cref="RunStatus"/> (provider-apis.md §1). A word GitLab adds later maps to <see cref="RunStatus.Unknown"/>
/// and is logged once per word; mapping never throws on a status.
/// </summary>
internal sealed class GitLabMapper(ILogger<GitLabMapper> logger)
{
    private readonly UnknownValues _unknown = new(logger, "GitLab");

    public static WatchableSource MapSource(ProjectDto project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new WatchableSource(
            project.PathWithNamespace,
            project.Name,
            string.IsNullOrWhiteSpace(project.Description) ? null : project.Description,
            project.DefaultBranch,
            ToUri(project.WebUrl),
            project.Archived,

            // Everything the project's pipeline record is made of: it is listed again only when one of these moves.
            string.Join('|', project.Id.ToString(CultureInfo.InvariantCulture), project.Name, project.DefaultBranch, project.CiConfigPath, project.Archived ? "archived" : "active", project.WebUrl));
    }

    /// <summary>A project's CI as one pipeline: keyed by the project's id, which survives renames and transfers.</summary>
    public static Pipeline MapPipeline(string instanceId, ProjectDto project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new Pipeline(
            new PipelineKey(instanceId, project.Id.ToString(CultureInfo.InvariantCulture)),
            project.Name,
            project.PathWithNamespace,
            project.DefaultBranch,
            ToUri(project.WebUrl.TrimEnd('/') + "/-/pipelines"),
            string.IsNullOrWhiteSpace(project.CiConfigPath) ? GitLabCiFile.DefaultPath : project.CiConfigPath,
            Pipeline.NoExtras);
    }

    /// <summary>
    /// A pipeline as a run. What the pipeline itself lacks — a list item has no user, start or finish time, and no
    /// pipeline has its commit's message — comes from <paramref name="facts"/>, read from its jobs.
    /// </summary>
    public Run MapRun(string instanceId, PipelineDto pipeline, RunFacts? facts)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var warnings = IsWarningGroup(pipeline.DetailedStatus?.Group) || (pipeline.DetailedStatus is null && facts?.HasWarnings == true);
        var status = MapPipelineStatus(pipeline.Status, warnings);
        return new Run(
            new PipelineKey(instanceId, pipeline.ProjectId.ToString(CultureInfo.InvariantCulture)),
            pipeline.Id.ToString(CultureInfo.InvariantCulture),
            pipeline.Iid ?? pipeline.Id,
            1,
            status,
            pipeline.Status,
            pipeline.Name ?? Headline(facts?.Commit?.Message),
            pipeline.Source,
            pipeline.User?.Username ?? facts?.Actor,
            pipeline.Ref,
            new CommitInfo(pipeline.Sha, facts?.Commit?.Message, facts?.Commit?.AuthorName, facts?.Commit?.AuthorEmail),
            pipeline.CreatedAt,
            pipeline.StartedAt ?? facts?.StartedAt,
            status.IsFinished() ? pipeline.FinishedAt ?? facts?.FinishedAt ?? pipeline.UpdatedAt : null,
            pipeline.UpdatedAt,
            ToUri(pipeline.WebUrl),
            Run.NoParameters);
    }

    public Job MapJob(JobDto job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new Job(
            job.Id.ToString(CultureInfo.InvariantCulture),
            job.Name,
            MapJobStatus(job.Status, job.AllowFailure),
            job.Status,
            job.Stage,
            RunnerName(job.Runner?.Description, job.Runner?.Name),
            job.StartedAt,
            job.FinishedAt,
            ToUri(job.WebUrl),

            // GitLab jobs have no steps in its API; their log has sections, which are not steps FlowForge could time.
            []);
    }

    /// <summary>The unified status of a GitLab pipeline or job <c>status</c> word (provider-apis.md §1).</summary>
    public RunStatus MapStatus(string? status) => status switch
    {
        "created" or "waiting_for_resource" or "preparing" or "pending" or "scheduled" => RunStatus.Queued,
        "manual" => RunStatus.Waiting,
        "running" => RunStatus.Running,
        "canceling" => RunStatus.Canceling,
        "success" => RunStatus.Succeeded,
        "failed" => RunStatus.Failed,
        "canceled" => RunStatus.Cancelled,
        "skipped" => RunStatus.Skipped,
        _ => Unknown(status),
    };

    /// <summary>A pipeline that succeeded although a job with <c>allow_failure: true</c> failed passed with warnings.</summary>
    public RunStatus MapPipelineStatus(string? status, bool warnings) =>
        warnings && status == "success" ? RunStatus.SucceededWithWarnings : MapStatus(status);

    /// <summary>A job that failed with <c>allow_failure: true</c> did not fail its pipeline: it passed with warnings.</summary>
    public RunStatus MapJobStatus(string? status, bool allowFailure) =>
        allowFailure && status == "failed" ? RunStatus.SucceededWithWarnings : MapStatus(status);

    /// <summary><c>detailed_status.group</c> of a pipeline that passed with allowed failures.</summary>
    public static bool IsWarningGroup(string? group) =>
        group is "success-with-warnings" or "success_with_warnings";

    /// <summary>The first line of a commit message, as GitLab's <c>title</c>.</summary>
    public static string? Headline(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        var trimmed = message.Trim();
        var newline = trimmed.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? trimmed : trimmed[..newline]).TrimEnd('\r');
    }

    public static string? RunnerName(string? description, string? name) =>
        string.IsNullOrWhiteSpace(description) ? string.IsNullOrWhiteSpace(name) ? null : name : description;

    internal static Uri? ToUri(string? value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;

    private RunStatus Unknown(string? status) => _unknown.Status("status", status);
}
