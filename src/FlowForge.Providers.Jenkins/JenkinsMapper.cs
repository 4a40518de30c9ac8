using System.Security.Cryptography;
using System.Text;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.Jenkins;

/// <summary>
/// Turns Jenkins DTOs into FlowForge's domain records, and Jenkins' build results and Stage View statuses into
/// <see cref="RunStatus"/> (provider-apis.md §1). A value Jenkins adds later maps to <see cref="RunStatus.Unknown"/>
/// and is logged once; mapping never throws on a status word.
/// </summary>
internal sealed partial class JenkinsMapper(ILogger<JenkinsMapper> logger)
{
    public const string ClassExtra = "class";

    private readonly UnknownValues _unknown = new(logger, "Jenkins");

    public static WatchableSource MapSource(JenkinsJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new WatchableSource(
            job.FullName,
            job.DisplayName,
            job.Description,
            job.Branch,
            job.WebUrl,
            IsArchived: job.Color?.StartsWith("disabled", StringComparison.Ordinal) == true,
            Version: VersionOf(job));
    }

    /// <summary>The job is the pipeline, and also its own source: Jenkins polls per job.</summary>
    public static Pipeline MapPipeline(string instanceId, JenkinsJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new Pipeline(
            new PipelineKey(instanceId, JenkinsPaths.NativeId(job.FullName)),
            job.DisplayName,
            job.FullName,
            job.Branch,
            job.WebUrl,
            FilePath: null,
            new Dictionary<string, string>(StringComparer.Ordinal) { [ClassExtra] = job.Class });
    }

    /// <summary>
    /// A build's result (<c>hudson.model.Result</c>; null while it runs). A build that runs but already carries
    /// <c>ABORTED</c> was stopped and is winding down.
    /// </summary>
    public RunStatus MapResult(bool building, string? result)
    {
        if (building)
        {
            return string.Equals(result, "ABORTED", StringComparison.Ordinal) ? RunStatus.Canceling : RunStatus.Running;
        }

        return result switch
        {
            "SUCCESS" => RunStatus.Succeeded,
            "UNSTABLE" => RunStatus.SucceededWithWarnings,
            "FAILURE" => RunStatus.Failed,
            "NOT_BUILT" => RunStatus.Skipped,
            "ABORTED" => RunStatus.Cancelled,
            _ => _unknown.Status("result", result),
        };
    }

    /// <summary>A stage's or step's status in the Pipeline Stage View (<c>StatusExt</c>).</summary>
    public RunStatus MapStageStatus(string? status) => status switch
    {
        "SUCCESS" => RunStatus.Succeeded,
        "UNSTABLE" => RunStatus.SucceededWithWarnings,
        "FAILED" => RunStatus.Failed,
        "ABORTED" => RunStatus.Cancelled,
        "NOT_EXECUTED" or "SKIPPED" => RunStatus.Skipped,
        "IN_PROGRESS" => RunStatus.Running,
        "PAUSED_PENDING_INPUT" => RunStatus.Waiting,
        _ => _unknown.Status("stage status", status),
    };

    /// <summary>The provider's words as FlowForge shows them: <c>SUCCESS</c>, <c>building</c>, <c>building/ABORTED</c>.</summary>
    public static string FormatProviderStatus(bool building, string? result) =>
        building ? result is null ? "building" : $"building/{result}" : result ?? "unknown";

    /// <summary>Changes when what a pipeline is made from changes (not with every build, as the job's color does).</summary>
    private static string VersionOf(JenkinsJob job) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{job.Class}\n{job.DisplayName}\n{job.WebUrl}\n{job.Branch}")))[..16];

    internal static Uri? ToUri(string? value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;

    internal static DateTimeOffset? FromMilliseconds(long milliseconds) =>
        milliseconds > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;
}
