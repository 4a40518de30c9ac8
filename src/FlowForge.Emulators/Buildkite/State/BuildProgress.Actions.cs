namespace FlowForge.Emulators.Buildkite.State;

/// <summary>What people do to builds (cancel, unblock, retry), and what Buildkite refuses for the state a build is in.</summary>
internal static partial class BuildProgress
{
    public static void Cancel(BuildEntity build, DateTimeOffset now)
    {
        if (build.State is not (BuildkiteStates.Scheduled or BuildkiteStates.Running or BuildkiteStates.Failing))
        {
            throw new RefusedException(422, $"Build #{build.Number} can't be canceled because it's {build.State}.");
        }

        foreach (var job in build.Current.Where(job => !job.IsFinished))
        {
            if (job.State == BuildkiteStates.Running)
            {
                job.Log.Add("# Received cancellation signal, interrupting");
            }

            job.State = BuildkiteStates.Canceled;
            job.FinishedAt = job.StartedAt is null ? null : now;
        }

        build.State = BuildkiteStates.Canceled;
        build.FinishedAt = now;
    }

    public static void Unblock(BuildEntity build, JobEntity job, BuildkitePerson by, IReadOnlyDictionary<string, string>? fields, DateTimeOffset now)
    {
        if (job.Step is not BuildkiteStep.BlockStep)
        {
            throw new RefusedException(400, "This job type cannot be unblocked");
        }

        if (build.State == BuildkiteStates.Canceled)
        {
            throw new RefusedException(422, "Jobs from canceled builds cannot be unblocked");
        }

        if (job.State != BuildkiteStates.Blocked)
        {
            throw new RefusedException(422, $"This job is {job.State}, not blocked");
        }

        job.State = BuildkiteStates.Unblocked;
        job.UnblockedAt = now;
        job.UnblockedBy = by;
        job.UnblockFields = fields;
        build.Blocked = false;
        build.State = build.Current.Any(other => other.FailedHard) ? BuildkiteStates.Failing : BuildkiteStates.Running;
        build.StartedAt ??= now;
        build.FinishedAt = null;
        Progress(build, now);
    }

    /// <summary>Retries failed jobs (each as a new job after it); the build runs again. Returns how many were retried.</summary>
    public static int Retry(BuildEntity build, IReadOnlyList<JobEntity> jobs, DateTimeOffset now)
    {
        if (build.State == BuildkiteStates.Canceled)
        {
            throw new RefusedException(422, "Jobs from canceled builds cannot be retried");
        }

        foreach (var job in jobs)
        {
            if (!job.IsCommand || job.State is not (BuildkiteStates.Failed or BuildkiteStates.TimedOut or BuildkiteStates.Canceled))
            {
                throw new RefusedException(400, "Only failed, timed out or canceled jobs can be retried");
            }

            if (job.Retried)
            {
                throw new RefusedException(422, "This job has already been retried");
            }

            var retry = new JobEntity
            {
                Id = NewId(),
                Step = job.Step,
                Segment = job.Segment,
                CreatedAt = now,
                RetriesCount = (job.RetriesCount ?? 0) + 1,
                RetrySourceJobId = job.Id,
                State = BuildkiteStates.Scheduled,
                ScheduledAt = now,
            };
            job.Retried = true;
            job.RetriedInJobId = retry.Id;
            build.Jobs.Insert(build.Jobs.IndexOf(job) + 1, retry);
        }

        // What the failure stopped waits again, and the build is running again (failing_at stays, as on Buildkite).
        foreach (var waiting in build.Current.Where(job => job.State == BuildkiteStates.WaitingFailed))
        {
            waiting.State = BuildkiteStates.Waiting;
        }

        build.State = build.Current.Any(job => job.FailedHard) ? BuildkiteStates.Failing : BuildkiteStates.Running;
        build.Blocked = false;
        build.StartedAt ??= now;
        build.FinishedAt = null;
        return jobs.Count;
    }
}
