namespace FlowForge.Emulators.GitLab.State;

/// <summary>What happens to pipelines after they are created: progress, completion, retries, plays and cancellations.</summary>
internal sealed partial class GitLabState
{
    /// <summary>pending → running: the first job that can run starts on a runner.</summary>
    public GitLabPipeline Begin(long pipelineId, DateTimeOffset? at = null) => Change(pipelineId, at, (pipeline, jobs, now) =>
    {
        if (pipeline.Status != GitLabStatus.Pending && pipeline.Status != GitLabStatus.Created)
        {
            throw new InvalidOperationException($"Pipeline {pipelineId} is {pipeline.Status}; only a pending pipeline can begin.");
        }

        StartNext(pipeline, jobs, now);
    });

    /// <summary>The running job succeeds and the next one starts (a pending pipeline begins).</summary>
    public GitLabPipeline Advance(long pipelineId, DateTimeOffset? at = null) => Change(pipelineId, at, (pipeline, jobs, now) =>
    {
        EnsureActive(pipeline);
        var running = jobs.FindIndex(job => !job.Retried && job.Status == GitLabStatus.Running);
        if (running >= 0)
        {
            jobs[running] = PipelineLifecycle.Finish(PipelineLifecycle.Progress(jobs[running], now), GitLabStatus.Success, now);
        }

        StartNext(pipeline, jobs, now);
    });

    /// <summary>
    /// Ends the pipeline with <paramref name="status"/>: <c>success</c> finishes every job that has not (manual jobs
    /// stay manual); <c>failed</c> fails the running (or next) job and skips the rest; <c>canceled</c> cancels all
    /// unfinished jobs.
    /// </summary>
    public GitLabPipeline Complete(long pipelineId, string status, DateTimeOffset? at = null) => Change(pipelineId, at, (pipeline, jobs, now) =>
    {
        EnsureActive(pipeline);
        for (var i = 0; i < jobs.Count; i++)
        {
            var job = jobs[i];
            if (job.Retried || GitLabStatus.IsFinished(job.Status))
            {
                continue;
            }

            jobs[i] = status switch
            {
                GitLabStatus.Success when job.Status == GitLabStatus.Manual => job,
                GitLabStatus.Success => PipelineLifecycle.Finish(Started(pipeline, job, now), GitLabStatus.Success, now),
                GitLabStatus.Failed when !jobs.Any(other => other.Status == GitLabStatus.Failed && !other.Retried) && job.Status != GitLabStatus.Manual =>
                    PipelineLifecycle.Finish(Started(pipeline, job, now), GitLabStatus.Failed, now),
                GitLabStatus.Failed => PipelineLifecycle.Finish(job, GitLabStatus.Skipped, now),
                GitLabStatus.Canceled => PipelineLifecycle.Finish(job, GitLabStatus.Canceled, now),
                _ => throw new ArgumentException($"Unknown final status '{status}'; expected success, failed or canceled.", nameof(status)),
            };
        }
    });

    /// <summary><c>POST …/pipelines/:id/cancel</c>: cancels what has not finished; a finished pipeline stays as it is.</summary>
    public GitLabPipeline Cancel(long pipelineId) => Change(pipelineId, null, (pipeline, jobs, now) =>
    {
        if (pipeline.IsFinished)
        {
            return;
        }

        for (var i = 0; i < jobs.Count; i++)
        {
            if (!jobs[i].Retried && (GitLabStatus.IsCancelable(jobs[i].Status) || jobs[i].Status == GitLabStatus.Manual))
            {
                jobs[i] = PipelineLifecycle.Finish(jobs[i], GitLabStatus.Canceled, now);
            }
        }
    });

    /// <summary>
    /// <c>POST …/pipelines/:id/retry</c>: new tries of the failed and canceled jobs, and the jobs skipped because of them
    /// back to waiting; nothing changes when there is nothing to retry.
    /// </summary>
    public GitLabPipeline Retry(long pipelineId, string username) => Change(pipelineId, null, (pipeline, jobs, now) =>
    {
        var retry = jobs.Where(job => !job.Retried && job.Status is GitLabStatus.Failed or GitLabStatus.Canceled).ToList();
        if (retry.Count == 0)
        {
            return;
        }

        for (var i = 0; i < jobs.Count; i++)
        {
            if (retry.Contains(jobs[i]))
            {
                jobs[i] = jobs[i] with { Retried = true };
            }
            else if (!jobs[i].Retried && jobs[i].Status == GitLabStatus.Skipped)
            {
                jobs[i] = jobs[i] with { Status = jobs[i].Manual ? GitLabStatus.Manual : GitLabStatus.Created, FinishedAt = null };
            }
        }

        jobs.AddRange(retry.Select(job => NewTry(job, pipelineId, username, now)));
    });

    /// <summary><c>POST …/jobs/:id/retry</c>: a new try of a finished job.</summary>
    /// <exception cref="InvalidOperationException">The job is not finished, already retried, or manual ("Job is not retryable").</exception>
    public GitLabJob RetryJob(long jobId, string username) => JobAction(jobId, null, (job, jobs, pipeline, now) =>
    {
        if (job.Retried || !GitLabStatus.IsFinished(job.Status) || job.Status == GitLabStatus.Skipped)
        {
            throw new InvalidOperationException("Job is not retryable");
        }

        jobs[jobs.IndexOf(job)] = job with { Retried = true };
        var fresh = NewTry(job, pipeline.Id, username, now);
        jobs.Add(fresh);
        return fresh;
    });

    /// <summary><c>POST …/jobs/:id/play</c>: a manual job starts waiting for a runner.</summary>
    /// <exception cref="InvalidOperationException">The job is not manual ("Unplayable Job").</exception>
    public GitLabJob PlayJob(long jobId, string username, DateTimeOffset? at = null) => JobAction(jobId, at, (job, jobs, _, _) =>
    {
        if (job.Retried || job.Status != GitLabStatus.Manual)
        {
            throw new InvalidOperationException("Unplayable Job");
        }

        var played = job with { Status = GitLabStatus.Pending, Username = username };
        jobs[jobs.IndexOf(job)] = played;
        return played;
    });

    /// <summary>Applies a change to a copy of the pipeline's jobs, recomputes its status and times, and tells observers.</summary>
    private GitLabPipeline Change(long pipelineId, DateTimeOffset? at, Action<GitLabPipeline, List<GitLabJob>, DateTimeOffset> change)
    {
        lock (_gate)
        {
            var before = _pipelines.GetValueOrDefault(pipelineId) ?? throw new KeyNotFoundException($"Pipeline {pipelineId} does not exist.");
            var now = at ?? Now;
            var jobs = before.Jobs.ToList();
            change(before, jobs, now);
            return Store(before, jobs, now, live: at is null);
        }
    }

    private GitLabJob JobAction(long jobId, DateTimeOffset? at, Func<GitLabJob, List<GitLabJob>, GitLabPipeline, DateTimeOffset, GitLabJob> action)
    {
        lock (_gate)
        {
            var (job, before) = Job(jobId) ?? throw new KeyNotFoundException($"Job {jobId} does not exist.");
            var jobs = before.Jobs.ToList();
            var now = at ?? Now;
            var result = action(job, jobs, before, now);
            Store(before, jobs, now, live: at is null);
            return result;
        }
    }

    private GitLabPipeline Store(GitLabPipeline before, List<GitLabJob> jobs, DateTimeOffset now, bool live)
    {
        var status = PipelineLifecycle.Composite(jobs);
        var started = jobs.Where(job => !job.Retried).Min(job => job.StartedAt) ?? before.StartedAt;
        var after = before with
        {
            Status = status,
            Jobs = jobs,
            UpdatedAt = now,
            StartedAt = started,
            FinishedAt = !GitLabStatus.IsFinished(status) ? null : before.IsFinished ? before.FinishedAt ?? now : now,
        };

        _pipelines[before.Id] = after;
        if (live)
        {
            PipelineChanged?.Invoke(before, after);
        }

        return after;
    }

    private void StartNext(GitLabPipeline pipeline, List<GitLabJob> jobs, DateTimeOffset now)
    {
        var next = PipelineLifecycle.NextRunnable(jobs);
        if (next >= 0)
        {
            jobs[next] = PipelineLifecycle.Start(jobs[next], pipeline.Sha, pipeline.Ref, NextRunner(), now);
        }
    }

    private GitLabJob Started(GitLabPipeline pipeline, GitLabJob job, DateTimeOffset now) =>
        job.StartedAt is null ? PipelineLifecycle.Start(job, pipeline.Sha, pipeline.Ref, NextRunner(), now) : job;

    private static void EnsureActive(GitLabPipeline pipeline)
    {
        if (pipeline.IsFinished)
        {
            throw new InvalidOperationException($"Pipeline {pipeline.Id} already finished ({pipeline.Status}).");
        }
    }
}
