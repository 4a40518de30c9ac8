namespace FlowForge.Emulators.Buildkite.State;

/// <summary>
/// How a build moves, as Buildkite moves it: a build is cut into segments by its wait and block steps; the command
/// jobs of a segment are scheduled together, agents run them (<see cref="StartNext"/>, <see cref="FinishJob"/>), and the
/// next segment starts once every job before it finished without a hard failure. A block step stops the build in state
/// <c>blocked</c> (finished, <c>blocked: true</c>) until it is unblocked. All of it runs under the state's lock.
/// </summary>
internal static partial class BuildProgress
{
    /// <summary>A line every started command job's log contains.</summary>
    public const string LogMarker = "~~~ Running commands";

    public static void AddJobs(BuildEntity build, IReadOnlyList<BuildkiteStep> steps, DateTimeOffset now)
    {
        var segment = 0;
        foreach (var step in steps.Count == 0 ? BuildkiteStep.Default : steps)
        {
            segment += step is BuildkiteStep.CommandStep ? 0 : 1;
            build.Jobs.Add(new JobEntity { Id = NewId(), Step = step, Segment = segment, CreatedAt = now });
        }

        Progress(build, now);
    }

    /// <summary>scheduled → running: the build's first job starts on an agent.</summary>
    public static void Begin(BuildEntity build, DateTimeOffset now)
    {
        if (build.State != BuildkiteStates.Scheduled)
        {
            throw new InvalidOperationException($"Build {build.Number} is {build.State}, not scheduled.");
        }

        StartNext(build, now);
    }

    /// <summary>Finishes the running job (or starts one if none runs) and lets the build go on; a scheduled build begins.</summary>
    public static void Advance(BuildEntity build, bool passes, DateTimeOffset now)
    {
        if (build.State == BuildkiteStates.Scheduled)
        {
            Begin(build, now);
            return;
        }

        RequireActive(build);
        if (build.Current.FirstOrDefault(job => job.State == BuildkiteStates.Running) is { } running)
        {
            FinishJob(build, running, passes, now);
            Progress(build, now);
        }

        StartNext(build, now);
    }

    /// <summary>Runs the build to its end: every job passes, block steps are unblocked; or the next job fails and the build fails.</summary>
    public static void Complete(BuildEntity build, bool passed, BuildkitePerson unblocker, DateTimeOffset now) =>
        Complete(build, passed, unblocker, () => now);

    /// <param name="clock">The time of each step: a seeded build's jobs get times spread over its duration.</param>
    public static void Complete(BuildEntity build, bool passed, BuildkitePerson unblocker, Func<DateTimeOffset> clock)
    {
        var failed = false;
        for (var guard = 0; guard < 100_000 && !IsOver(build); guard++)
        {
            var now = clock();
            if (build.Blocked)
            {
                if (passed)
                {
                    Unblock(build, build.Current.First(job => job.State == BuildkiteStates.Blocked), unblocker, null, now);
                }
                else
                {
                    Finish(build, BuildkiteStates.Failed, now);
                }

                continue;
            }

            var job = build.Current.FirstOrDefault(candidate => candidate.State == BuildkiteStates.Running) ?? StartNext(build, now);
            if (job is null)
            {
                Progress(build, now);
                continue;
            }

            // The build moves on when its job finishes: a one-step build then lasts as long as its step.
            var finishedAt = clock();
            FinishJob(build, job, passes: passed || failed, finishedAt);
            failed |= !passed;
            Progress(build, finishedAt);
        }
    }

    /// <summary>The next scheduled command job of the current segment starts on an agent; null when none is scheduled.</summary>
    public static JobEntity? StartNext(BuildEntity build, DateTimeOffset now)
    {
        var job = build.Current.FirstOrDefault(candidate => candidate.IsCommand && candidate.State == BuildkiteStates.Scheduled);
        if (job is null || IsOver(build) || build.Blocked)
        {
            return null;
        }

        if (build.State == BuildkiteStates.Scheduled)
        {
            build.State = BuildkiteStates.Running;
            build.StartedAt = now;
        }

        var step = (BuildkiteStep.CommandStep)job.Step;
        job.State = BuildkiteStates.Running;
        job.StartedAt = now;
        job.Agent = $"agent-{(uint)job.Id.GetHashCode(StringComparison.Ordinal) % 8 + 1}";
        job.Log.AddRange(
        [
            "~~~ Preparing working directory",
            $"$ cd /buildkite/builds/{job.Agent}/{build.Organization}/{build.Pipeline}",
            $"$ git checkout -f {build.Commit}",
            LogMarker,
            $"$ {step.CommandLine}",
        ]);
        return job;
    }

    public static void FinishJob(BuildEntity build, JobEntity job, bool passes, DateTimeOffset now)
    {
        var step = (BuildkiteStep.CommandStep)job.Step;
        job.ExitStatus = passes ? 0 : 1;
        job.State = passes ? BuildkiteStates.Passed : BuildkiteStates.Failed;
        job.SoftFailed = !passes && step.SoftFail;
        job.FinishedAt = now;
        job.Log.Add(passes ? $"{step.Label}: done" : "🚨 Error: The command exited with status 1");
        if (job.FailedHard && build.State == BuildkiteStates.Running)
        {
            build.State = BuildkiteStates.Failing;
            build.FailingAt ??= now;
        }
    }

    /// <summary>Moves the build past whatever is done: releases wait steps, stops at block steps, finishes it at the end.</summary>
    public static void Progress(BuildEntity build, DateTimeOffset now)
    {
        while (!IsOver(build) && !build.Blocked)
        {
            var unfinished = build.Current.Where(job => !job.IsFinished).ToList();
            if (unfinished.Count == 0)
            {
                Finish(build, build.Current.Any(job => job.FailedHard) ? BuildkiteStates.Failed : BuildkiteStates.Passed, now);
                return;
            }

            var segment = unfinished.Min(job => job.Segment);
            var boundary = build.Current.FirstOrDefault(job => job.Segment == segment && !job.IsCommand);
            if (boundary is null || boundary.IsFinished || segment == 0)
            {
                Schedule(build, segment, now);
                return;
            }

            if (build.Current.Any(job => job.Segment < segment && job.FailedHard))
            {
                Finish(build, BuildkiteStates.Failed, now);
                return;
            }

            if (boundary.Step is BuildkiteStep.WaitStep)
            {
                boundary.State = BuildkiteStates.Passed;
                boundary.FinishedAt = now;
                continue;
            }

            boundary.State = BuildkiteStates.Blocked;
            build.State = BuildkiteStates.Blocked;
            build.Blocked = true;
            build.FinishedAt = now;
        }
    }

    private static void Schedule(BuildEntity build, int segment, DateTimeOffset now)
    {
        foreach (var job in build.Current.Where(job => job.Segment == segment && job.IsCommand && job.State == BuildkiteStates.Waiting))
        {
            job.State = BuildkiteStates.Scheduled;
            job.ScheduledAt = now;
        }
    }

    private static void Finish(BuildEntity build, string state, DateTimeOffset now)
    {
        foreach (var job in build.Current.Where(job => !job.IsFinished))
        {
            job.State = BuildkiteStates.WaitingFailed;
        }

        build.State = state;
        build.Blocked = false;
        build.FinishedAt = now;
    }

    private static void RequireActive(BuildEntity build)
    {
        if (IsOver(build) || build.Blocked)
        {
            throw new InvalidOperationException($"Build {build.Number} is {build.State}{(build.Blocked ? " (blocked)" : "")}; it does not run.");
        }
    }

    private static bool IsOver(BuildEntity build) => BuildkiteStates.IsFinishedBuild(build.State) && !build.Blocked;

    private static string NewId() => Guid.NewGuid().ToString("D");
}
