namespace FlowForge.Emulators.GitLab.State;

/// <summary>
/// Pure transitions of a pipeline's jobs, shaped after GitLab: jobs run in order (stage by stage); a blocking manual
/// job halts the pipeline in <c>manual</c> until played, a non-blocking one is passed over; after a failure later jobs
/// are skipped; a cancellation cancels whatever had not finished. The pipeline's status is always the composite of
/// its latest jobs' statuses (<see cref="Composite"/>), as GitLab computes it.
/// </summary>
internal static class PipelineLifecycle
{
    private const string RunnerVersion = "Running with gitlab-runner 17.6.0 (374d34fd)";

    /// <summary>The first job that can run: pending or created, not manual; null when a blocking manual job comes first.</summary>
    public static int NextRunnable(IReadOnlyList<GitLabJob> jobs)
    {
        for (var i = 0; i < jobs.Count; i++)
        {
            var job = jobs[i];
            if (job.Retried || GitLabStatus.IsFinished(job.Status) || job.Status == GitLabStatus.Running)
            {
                continue;
            }

            if (job.Status == GitLabStatus.Manual)
            {
                if (job.IsBlocking)
                {
                    return -1;
                }

                continue;
            }

            return i;
        }

        return -1;
    }

    public static GitLabJob Start(GitLabJob job, string sha, string gitRef, string runner, DateTimeOffset now) => job with
    {
        Status = GitLabStatus.Running,
        StartedAt = now,
        Runner = runner,
        Trace = $"""
            {RunnerVersion}
              on {runner} {GitLabState.GitId(runner)[..8]}, system ID: s_{GitLabState.GitId(runner)[8..20]}
            Preparing the "docker" executor
            Using Docker executor with image alpine:3.20 ...
            Getting source from Git repository
            Fetching changes with git depth set to 20...
            Checking out {sha[..8]} as detached HEAD (ref is {gitRef})...
            Executing "step_script" stage of the job script
            $ ./ci/{job.Name.Replace(':', '-')}.sh

            """,
    };

    public static GitLabJob Progress(GitLabJob job, DateTimeOffset now) =>
        job with { Trace = job.Trace + $"[{now.UtcDateTime:HH:mm:ss}] {job.Name}: step done\n" };

    public static GitLabJob Finish(GitLabJob job, string status, DateTimeOffset now) => job with
    {
        Status = status,
        FinishedAt = now,
        FailureReason = status == GitLabStatus.Failed ? "script_failure" : null,
        Trace = job.StartedAt is null ? job.Trace : job.Trace + status switch
        {
            GitLabStatus.Success => "Cleaning up project directory and file based variables\nJob succeeded\n",
            GitLabStatus.Failed => "Cleaning up project directory and file based variables\nERROR: Job failed: exit code 1\n",
            _ => "WARNING: Job was canceled\n",
        },
    };

    /// <summary>A new try of a job, waiting for a runner; the old one is kept as retried.</summary>
    public static GitLabJob Clone(GitLabJob job, long id, string username, DateTimeOffset now) =>
        job with
        {
            Id = id,
            Status = GitLabStatus.Pending,
            Retried = false,
            CreatedAt = now,
            StartedAt = null,
            FinishedAt = null,
            Runner = null,
            FailureReason = null,
            Username = username,
            Trace = "",
        };

    /// <summary>
    /// A pipeline's status from its latest jobs: running while any job runs or waits after others ran; pending before
    /// any ran; then failed, canceled, manual (halted on a blocking manual job), skipped or success.
    /// </summary>
    public static string Composite(IReadOnlyList<GitLabJob> jobs)
    {
        var latest = jobs.Where(job => !job.Retried).ToList();
        if (latest.Any(job => job.Status == GitLabStatus.Running))
        {
            return GitLabStatus.Running;
        }

        if (latest.Any(job => job.Status is GitLabStatus.Pending or GitLabStatus.Created or GitLabStatus.Preparing or GitLabStatus.WaitingForResource))
        {
            return latest.Any(job => job.StartedAt is not null || GitLabStatus.IsFinished(job.Status)) ? GitLabStatus.Running : GitLabStatus.Pending;
        }

        if (latest.Any(job => job.Status == GitLabStatus.Failed && !job.AllowFailure))
        {
            return GitLabStatus.Failed;
        }

        if (latest.Any(job => job.Status == GitLabStatus.Canceled))
        {
            return GitLabStatus.Canceled;
        }

        if (latest.Any(job => job.Status == GitLabStatus.Manual && job.IsBlocking))
        {
            return GitLabStatus.Manual;
        }

        return latest.All(job => job.Status is GitLabStatus.Skipped or GitLabStatus.Manual) ? GitLabStatus.Skipped : GitLabStatus.Success;
    }
}
