namespace FlowForge.Emulators.GitHub.State;

/// <summary>Runs, their attempts and jobs.</summary>
internal sealed partial class EmulatorState
{
    public EmulatedRun StartRun(long workflowId, RunSpec spec, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (_gate)
        {
            var workflow = _workflows.GetValueOrDefault(workflowId)
                ?? throw new KeyNotFoundException($"Workflow {workflowId} does not exist.");
            var now = at ?? Now;
            var runId = _nextRunId++;
            EnsureAccount(spec.Actor, organization: false);
            var sha = spec.HeadSha ?? GitId($"commit:{runId}:{spec.Branch}:{spec.CommitMessage}");
            var commit = new EmulatedCommit(sha, GitId($"tree:{sha}"), spec.CommitMessage, spec.AuthorName, spec.AuthorEmail, now);
            var jobs = (spec.Jobs ?? [JobSpec.DefaultBuild])
                .Select(j => RunLifecycle.NewJob(NextJobId(runId), runId, 1, j.Name, [.. j.Steps], now))
                .ToArray();
            var runNumber = _lastRunNumber[workflowId] = _lastRunNumber.GetValueOrDefault(workflowId) + 1;
            var run = new EmulatedRun(
                runId, workflow.Id, workflow.Name, workflow.Path, workflow.RepositoryId, workflow.RepositoryFullName,
                runNumber, 1, GitHubStatus.Queued, null, spec.Event, spec.Branch, sha, commit, spec.Actor, spec.Actor,
                DisplayTitle(spec, workflow), _nextCheckSuiteId++, now, now, now, jobs);
            _runAttempts[runId] = [run];
            _runIdsByRepository[workflow.RepositoryId].Add(runId);
            if (spec.Event == "push")
            {
                var repository = _repositories[workflow.RepositoryId];
                if (now > repository.PushedAt)
                {
                    _repositories[repository.Id] = repository with { PushedAt = now, UpdatedAt = now };
                }
            }

            Notify(null, run, at);
            return run;
        }
    }

    public EmulatedRun Begin(long runId, DateTimeOffset? at = null) =>
        Transition(runId, (run, now) => RunLifecycle.Begin(run, now, AssignRunner), at);

    public EmulatedRun Advance(long runId, DateTimeOffset? at = null) =>
        Transition(runId, (run, now) => RunLifecycle.Advance(run, now, AssignRunner), at);

    public EmulatedRun Complete(long runId, string conclusion, DateTimeOffset? at = null) =>
        Transition(runId, (run, now) => RunLifecycle.Complete(run, conclusion, now, AssignRunner), at);

    /// <summary>Starts the next attempt: every job, only the unsuccessful ones, or one job.</summary>
    public EmulatedRun Rerun(long runId, RerunScope scope, string triggeringActor, long? jobId = null)
    {
        lock (_gate)
        {
            var attempts = AttemptsOrThrow(runId);
            var latestJobs = LatestJobs(attempts);
            var selected = scope switch
            {
                RerunScope.All => latestJobs,
                // Like GitHub, "failed jobs" includes the jobs skipped because of them.
                RerunScope.Failed => [.. latestJobs.Where(j => j.Conclusion is not (GitHubConclusion.Success or GitHubConclusion.Neutral))],
                _ => [.. latestJobs.Where(j => j.Id == jobId)],
            };
            EnsureAccount(triggeringActor, organization: false);
            var previous = attempts[^1];
            var next = RunLifecycle.Rerun(previous, selected, triggeringActor, Now, () => NextJobId(runId));
            attempts.Add(next);
            Notify(previous, next, at: null);
            return next;
        }
    }

    public EmulatedRun? Run(long runId)
    {
        lock (_gate)
        {
            return _runAttempts.TryGetValue(runId, out var attempts) ? attempts[^1] : null;
        }
    }

    public EmulatedRun? RunAttempt(long runId, int attempt)
    {
        lock (_gate)
        {
            return _runAttempts.TryGetValue(runId, out var attempts) && attempt >= 1 && attempt <= attempts.Count
                ? attempts[attempt - 1]
                : null;
        }
    }

    /// <summary>The latest attempt of each run of a repository, newest run first.</summary>
    public IReadOnlyList<EmulatedRun> Runs(long repositoryId)
    {
        lock (_gate)
        {
            if (!_runIdsByRepository.TryGetValue(repositoryId, out var ids))
            {
                return [];
            }

            var runs = new EmulatedRun[ids.Count];
            for (var i = 0; i < ids.Count; i++)
            {
                runs[i] = _runAttempts[ids[ids.Count - 1 - i]][^1];
            }

            return runs;
        }
    }

    /// <summary>Jobs of a run: of every attempt, or the most recent execution of each job.</summary>
    public IReadOnlyList<EmulatedJob>? Jobs(long runId, bool allAttempts)
    {
        lock (_gate)
        {
            if (!_runAttempts.TryGetValue(runId, out var attempts))
            {
                return null;
            }

            return allAttempts ? [.. attempts.SelectMany(a => a.Jobs).OrderBy(j => j.Id)] : LatestJobs(attempts);
        }
    }

    public (EmulatedJob Job, EmulatedRun Attempt)? Job(long jobId)
    {
        lock (_gate)
        {
            if (!_runIdByJobId.TryGetValue(jobId, out var runId))
            {
                return null;
            }

            foreach (var attempt in _runAttempts[runId])
            {
                if (attempt.Jobs.FirstOrDefault(j => j.Id == jobId) is { } job)
                {
                    return (job, attempt);
                }
            }

            return null;
        }
    }

    private EmulatedRun Transition(long runId, Func<EmulatedRun, DateTimeOffset, EmulatedRun> change, DateTimeOffset? at)
    {
        lock (_gate)
        {
            var attempts = AttemptsOrThrow(runId);
            var previous = attempts[^1];
            var next = change(previous, at ?? Now);
            attempts[^1] = next;
            Notify(previous, next, at);
            return next;
        }
    }

    /// <summary>
    /// Tells <see cref="RunChanged"/> about a live change, under the lock so observers see changes in the order
    /// they happened. Changes back-dated with <paramref name="at"/> seed history and are not live.
    /// </summary>
    private void Notify(EmulatedRun? before, EmulatedRun after, DateTimeOffset? at)
    {
        if (at is null)
        {
            RunChanged?.Invoke(before, after);
        }
    }

    private static IReadOnlyList<EmulatedJob> LatestJobs(List<EmulatedRun> attempts)
    {
        var latest = new Dictionary<string, EmulatedJob>(StringComparer.Ordinal);
        foreach (var job in attempts.SelectMany(a => a.Jobs))
        {
            latest[job.Name] = job;
        }

        return [.. latest.Values.OrderBy(j => j.Id)];
    }

    private List<EmulatedRun> AttemptsOrThrow(long runId) =>
        _runAttempts.TryGetValue(runId, out var attempts) ? attempts : throw new KeyNotFoundException($"Run {runId} does not exist.");

    private long NextJobId(long runId)
    {
        var id = _nextJobId++;
        _runIdByJobId[id] = runId;
        return id;
    }

    private EmulatedRunner AssignRunner()
    {
        var id = _nextRunnerId++;
        return new EmulatedRunner(id, $"GitHub Actions {id}", 0, "GitHub Actions");
    }

    private static string DisplayTitle(RunSpec spec, EmulatedWorkflow workflow)
    {
        if (spec.Event is "workflow_dispatch" or "schedule")
        {
            return workflow.Name;
        }

        var newline = spec.CommitMessage.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? spec.CommitMessage : spec.CommitMessage[..newline];
    }
}

internal enum RerunScope
{
    All,
    Failed,
    Job,
}
