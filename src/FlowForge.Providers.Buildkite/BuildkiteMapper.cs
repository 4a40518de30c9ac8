using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.Buildkite.Dtos;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.Buildkite;

/// <summary>
/// Turns Buildkite DTOs into FlowForge's domain records, and build and job states into <see cref="RunStatus"/>
/// (provider-apis.md §1). A state Buildkite adds later maps to <see cref="RunStatus.Unknown"/> and is logged once;
/// mapping never throws on a state word.
/// </summary>
/// <remarks>
/// Identity: a pipeline's native id is its slug, its source (and <see cref="Pipeline.Repository"/>) is
/// <c>{organization}/{slug}</c>, and a run's native id is <c>{slug}:{number}</c> — what Buildkite's API addresses a
/// build by, unique within the organization, so reading a build never needs a look-up first.
/// </remarks>
internal sealed class BuildkiteMapper(ILogger<BuildkiteMapper> logger)
{
    /// <summary>The prefix of parameters (and run parameters) that are build environment variables.</summary>
    public const string EnvPrefix = "env.";

    private readonly UnknownValues _unknown = new(logger, "Buildkite");

    public static string SourceId(string organization, string slug) => $"{organization}/{slug}";

    public static string RunId(string slug, long number) => $"{slug}:{number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Splits a run id made by <see cref="RunId"/>; false for anything else.</summary>
    public static bool TryParseRunId(string runId, out string slug, out long number)
    {
        var colon = runId.LastIndexOf(':');
        slug = colon > 0 ? runId[..colon] : "";
        number = 0;
        return colon > 0
            && long.TryParse(runId.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && number > 0;
    }

    /// <param name="organization">The instance's organization slug.</param>
    public static WatchableSource MapSource(string organization, PipelineDto pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return new WatchableSource(
            SourceId(organization, pipeline.Slug),
            pipeline.Name,
            pipeline.Description,
            pipeline.DefaultBranch,
            ToUri(pipeline.WebUrl),
            pipeline.ArchivedAt is not null,
            Version(pipeline));
    }

    public static Pipeline MapPipeline(string instanceId, string organization, PipelineDto pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return new Pipeline(
            new PipelineKey(instanceId, pipeline.Slug),
            pipeline.Name,
            SourceId(organization, pipeline.Slug),
            pipeline.DefaultBranch,
            ToUri(pipeline.WebUrl),
            FilePath: null,
            Pipeline.NoExtras);
    }

    /// <param name="slug">The build's pipeline, when the response left it out (<c>exclude_pipeline</c>).</param>
    public Run MapRun(string instanceId, string slug, BuildDto build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var status = MapBuildState(build.State, build.Blocked);
        var jobs = CurrentJobs(build);
        var author = build.Author ?? build.Creator;
        return new Run(
            new PipelineKey(instanceId, slug),
            RunId(slug, build.Number),
            build.Number,
            // Buildkite has no attempts: a retry adds jobs to the same build, a rebuild is a new build.
            1,
            status,
            FormatBuildState(build.State, build.Blocked),
            FirstLine(build.Message),
            build.Source,
            build.Creator?.Name ?? build.Author?.Name,
            build.Branch,
            string.IsNullOrEmpty(build.Commit) ? null : new CommitInfo(build.Commit, build.Message, author?.Name, author?.Email),
            build.CreatedAt ?? build.ScheduledAt ?? DateTimeOffset.UnixEpoch,
            build.StartedAt,
            status.IsFinished() ? build.FinishedAt : null,
            LastChange(build, jobs),
            ToUri(build.WebUrl),
            EnvParameters(build.Env));
    }

    /// <summary>The build's current jobs (retried ones are superseded by their retries), mapped with the build as context.</summary>
    public IReadOnlyList<Job> MapJobs(BuildDto build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return [.. CurrentJobs(build).Select(job => MapJob(job, build))];
    }

    /// <param name="build">The job's build, which decides the state of a wait step that reports none.</param>
    public Job MapJob(JobDto job, BuildDto? build)
    {
        ArgumentNullException.ThrowIfNull(job);
        var isBlock = string.Equals(job.Type, "manual", StringComparison.Ordinal);
        return new Job(
            job.Id,
            job.Name ?? job.Label ?? (string.Equals(job.Type, "waiter", StringComparison.Ordinal) ? "Wait" : null) ?? job.StepKey ?? job.Command ?? job.Type ?? "Job",
            MapJobState(job, build),
            job.State is null ? job.Type ?? "unknown" : job.SoftFailed == true ? $"{job.State}/soft_failed" : job.State,
            job.GroupKey,
            job.Agent?.Name,
            job.StartedAt,
            isBlock ? job.UnblockedAt ?? job.FinishedAt : job.FinishedAt,
            ToUri(job.WebUrl),
            []);
    }

    /// <summary>A build's state; a build that waits on a block step is Waiting whatever word reports it.</summary>
    public RunStatus MapBuildState(string? state, bool? blocked)
    {
        var status = state?.ToUpperInvariant() switch
        {
            "SCHEDULED" or "CREATING" => RunStatus.Queued,
            "RUNNING" or "FAILING" => RunStatus.Running,
            "BLOCKED" or "WAITING" => RunStatus.Waiting,
            "CANCELING" => RunStatus.Canceling,
            "PASSED" => RunStatus.Succeeded,
            "FAILED" or "WAITING_FAILED" => RunStatus.Failed,
            "CANCELED" => RunStatus.Cancelled,
            "SKIPPED" or "NOT_RUN" => RunStatus.Skipped,
            _ => _unknown.Status("build state", state),
        };

        // Buildkite reports a blocked build as finished ("passed" in some payloads) with blocked: true.
        return blocked == true && status is RunStatus.Succeeded ? RunStatus.Waiting : status;
    }

    public RunStatus MapJobState(JobDto job, BuildDto? build)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.State is null && string.Equals(job.Type, "waiter", StringComparison.Ordinal))
        {
            // A wait step without a state of its own waits until the build goes past it or ends.
            var buildStatus = build is null ? RunStatus.Unknown : MapBuildState(build.State, build.Blocked);
            return buildStatus switch
            {
                RunStatus.Succeeded => RunStatus.Succeeded,
                _ when buildStatus.IsFinished() => RunStatus.Skipped,
                _ => RunStatus.Waiting,
            };
        }

        var status = job.State?.ToUpperInvariant() switch
        {
            "PENDING" or "SCHEDULED" or "ASSIGNED" or "ACCEPTED" or "LIMITED" or "LIMITING" => RunStatus.Queued,
            "WAITING" or "BLOCKED" => RunStatus.Waiting,
            "RUNNING" => RunStatus.Running,
            "CANCELING" or "TIMING_OUT" => RunStatus.Canceling,
            "PASSED" or "UNBLOCKED" => RunStatus.Succeeded,
            "FAILED" or "WAITING_FAILED" or "BLOCKED_FAILED" or "UNBLOCKED_FAILED" or "TIMED_OUT" or "BROKEN" or "EXPIRED" => RunStatus.Failed,
            "CANCELED" => RunStatus.Cancelled,
            "SKIPPED" => RunStatus.Skipped,

            // The raw database state the API normally turns into passed/failed by the exit status.
            "FINISHED" => job.ExitStatus is null or 0 ? RunStatus.Succeeded : RunStatus.Failed,
            _ => _unknown.Status("job state", job.State),
        };

        return job.SoftFailed == true && status is RunStatus.Failed or RunStatus.Succeeded ? RunStatus.SucceededWithWarnings : status;
    }

    /// <summary>The build's words as FlowForge shows them: <c>running</c>, or <c>passed/blocked</c> for a blocked build reported as passed.</summary>
    public static string FormatBuildState(string? state, bool? blocked)
    {
        var shown = string.IsNullOrEmpty(state) ? "unknown" : state;
        return blocked == true && !string.Equals(shown, "blocked", StringComparison.OrdinalIgnoreCase) ? $"{shown}/blocked" : shown;
    }

    /// <summary>The build's environment as run parameters, named like the trigger parameters (<c>env.NAME</c>).</summary>
    public static IReadOnlyDictionary<string, string> EnvParameters(IReadOnlyDictionary<string, JsonElement>? env) =>
        env is null || env.Count == 0
            ? Run.NoParameters
            : env.ToDictionary(pair => EnvPrefix + pair.Key, pair => Text(pair.Value), StringComparer.Ordinal);

    /// <summary>A JSON value as Buildkite's agents would see it in the environment: strings as they are, anything else as its JSON text.</summary>
    public static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();

    internal static Uri? ToUri(string? value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;

    private static IReadOnlyList<JobDto> CurrentJobs(BuildDto build) => [.. (build.Jobs ?? []).Where(job => job.Retried != true)];

    /// <summary>
    /// When the build or any of its jobs last changed, as far as the timestamps tell: Buildkite builds have no
    /// <c>updated_at</c>, and a running build's jobs move while its own times stand still.
    /// </summary>
    private static DateTimeOffset? LastChange(BuildDto build, IReadOnlyList<JobDto> jobs)
    {
        DateTimeOffset?[] times =
        [
            build.CreatedAt, build.ScheduledAt, build.StartedAt, build.FailingAt, build.FinishedAt,
            .. jobs.SelectMany(job => (DateTimeOffset?[])[job.CreatedAt, job.ScheduledAt, job.RunnableAt, job.StartedAt, job.FinishedAt, job.UnblockedAt]),
        ];
        return times.Max();
    }

    /// <summary>Changes whenever what FlowForge shows of a pipeline does, so the sync engine reads its pipeline again only then.</summary>
    private static string Version(PipelineDto pipeline)
    {
        var text = string.Join('\n', pipeline.Name, pipeline.Description, pipeline.DefaultBranch, pipeline.WebUrl, pipeline.ArchivedAt);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    private static string? FirstLine(string? message)
    {
        var line = message?.Split('\n', 2)[0].Trim();
        return string.IsNullOrEmpty(line) ? null : line;
    }

}
