namespace FlowForge.Emulators.GitLab;

/// <summary>A group; <see cref="FullPath"/> names it with its parents (<c>acme/platform</c>).</summary>
public sealed record GitLabGroup(long Id, string Name, string Path, string FullPath, long? ParentId);

/// <summary>A project in a group (or a user's namespace).</summary>
/// <param name="NamespacePath">The full path of its group or user namespace.</param>
/// <param name="CiConfigPath">Null for <c>.gitlab-ci.yml</c>.</param>
/// <param name="JobsEnabled">False when the project's CI/CD feature is off (<c>builds_access_level: disabled</c>).</param>
public sealed record GitLabProject(
    long Id,
    string Name,
    string Path,
    string NamespacePath,
    string DefaultBranch,
    string? Description,
    string? CiConfigPath,
    bool Archived,
    bool JobsEnabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastActivityAt)
{
    public string PathWithNamespace => $"{NamespacePath}/{Path}";

    public string CiFilePath => string.IsNullOrEmpty(CiConfigPath) ? ".gitlab-ci.yml" : CiConfigPath;
}

/// <summary>A commit a pipeline ran on.</summary>
public sealed record GitLabCommit(string Id, string Message, string AuthorName, string AuthorEmail, DateTimeOffset CreatedAt)
{
    public string ShortId => Id[..8];

    /// <summary>The message's first line, as GitLab's <c>title</c>.</summary>
    public string Title => Message.Split('\n', 2)[0].TrimEnd('\r');
}

/// <summary>A job of a pipeline.</summary>
/// <param name="Manual">Declared <c>when: manual</c>: it waits in <c>manual</c> until played.</param>
/// <param name="Retried">Replaced by a newer try; GitLab lists it only with <c>include_retried=true</c>.</param>
/// <param name="Trace">The log as far as the job got; empty before it started.</param>
public sealed record GitLabJob(
    long Id,
    long PipelineId,
    long ProjectId,
    string Name,
    string Stage,
    string Status,
    bool AllowFailure,
    bool Manual,
    bool Retried,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Runner,
    string? FailureReason,
    string Username,
    string Trace)
{
    /// <summary>A manual job that halts its pipeline until played (<c>allow_failure: false</c>).</summary>
    public bool IsBlocking => Manual && !AllowFailure;
}

/// <summary>A pipeline: a run of a project's CI at one ref, with every job it had (retried tries included).</summary>
/// <param name="Variables">The variables it was created with (API triggers).</param>
public sealed record GitLabPipeline(
    long Id,
    long Iid,
    long ProjectId,
    string Status,
    string Source,
    string Ref,
    bool Tag,
    string Sha,
    string BeforeSha,
    string? Name,
    GitLabCommit Commit,
    string Username,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<GitLabJob> Jobs,
    IReadOnlyList<GitLabVariable> Variables)
{
    /// <summary>The latest try of each job, as GitLab lists them by default.</summary>
    public IReadOnlyList<GitLabJob> LatestJobs => [.. Jobs.Where(job => !job.Retried)];

    public bool IsFinished => GitLabStatus.IsFinished(Status);
}

/// <param name="VariableType"><c>env_var</c> or <c>file</c>.</param>
public sealed record GitLabVariable(string Key, string Value, string VariableType = "env_var");

/// <summary>How a scripted pipeline starts: a new commit pushed to <paramref name="Ref"/>, unless <paramref name="Sha"/> names one.</summary>
/// <param name="Jobs">Null: the jobs the project's CI file declares at the ref (or <c>build</c> and <c>test</c>).</param>
/// <param name="Source">The pipeline source: <c>push</c>, <c>web</c>, <c>api</c>, <c>schedule</c>, <c>merge_request_event</c>, …</param>
public sealed record PipelineSpec(
    string Ref,
    string CommitMessage,
    string AuthorName,
    string AuthorEmail,
    string Username,
    string Source = "push",
    IReadOnlyList<JobSpec>? Jobs = null,
    string? Name = null,
    string? Sha = null);

/// <summary>A job a pipeline gets.</summary>
/// <param name="Manual"><c>when: manual</c>.</param>
/// <param name="AllowFailure">With <paramref name="Manual"/>: false makes the job block its pipeline.</param>
public sealed record JobSpec(string Name, string Stage, bool Manual = false, bool AllowFailure = false);

/// <summary>A <c>POST /projects/:id/pipeline</c> the API received, with its parameters exactly as sent.</summary>
/// <param name="Inputs">Each input's value as raw JSON (<c>"staging"</c>, <c>3</c>, <c>true</c>, <c>["a"]</c>).</param>
/// <param name="PipelineId">The pipeline it created; null when GitLab refused it.</param>
/// <param name="Errors">Why it was refused.</param>
public sealed record GitLabTrigger(
    DateTimeOffset At,
    long ProjectId,
    string Ref,
    IReadOnlyList<GitLabVariable> Variables,
    IReadOnlyDictionary<string, string> Inputs,
    long? PipelineId,
    IReadOnlyList<string> Errors)
{
    /// <summary>Inputs and variables as text: strings without their quotes, anything else as its JSON.</summary>
    public IReadOnlyDictionary<string, string> Values()
    {
        var values = Variables.ToDictionary(variable => variable.Key, variable => variable.Value, StringComparer.Ordinal);
        foreach (var (name, json) in Inputs)
        {
            using var value = System.Text.Json.JsonDocument.Parse(json);
            values[name] = value.RootElement.ValueKind == System.Text.Json.JsonValueKind.String ? value.RootElement.GetString() ?? string.Empty : json;
        }

        return values;
    }
}

/// <summary>GitLab's pipeline and job status words.</summary>
public static class GitLabStatus
{
    public const string Created = "created";
    public const string WaitingForResource = "waiting_for_resource";
    public const string Preparing = "preparing";
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Success = "success";
    public const string Failed = "failed";
    public const string Canceled = "canceled";
    public const string Skipped = "skipped";
    public const string Manual = "manual";
    public const string Scheduled = "scheduled";

    public static IReadOnlyList<string> All { get; } =
        [Created, WaitingForResource, Preparing, Pending, Running, Success, Failed, Canceled, Skipped, Manual, Scheduled];

    public static bool IsFinished(string status) => status is Success or Failed or Canceled or Skipped;

    /// <summary>What GitLab's cancellation stops.</summary>
    public static bool IsCancelable(string status) => status is Created or WaitingForResource or Preparing or Pending or Running or Scheduled;
}

/// <summary>A user: the owner of a token, the author of a pipeline.</summary>
public sealed record GitLabUser(long Id, string Username, string Name, string Email);
