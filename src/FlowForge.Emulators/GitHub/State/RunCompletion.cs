namespace FlowForge.Emulators.GitHub.State;

/// <summary>
/// Completes the unfinished jobs of a run consistently with the run's conclusion. The work still to do is laid
/// out back to back between the moment the current step started and now, so steps and jobs get plausible,
/// ordered timings even when a scenario completes a run in one call.
/// </summary>
internal sealed class RunCompletion(
    EmulatedRun run, EmulatedJob[] jobs, int current, string conclusion, DateTimeOffset now, Func<EmulatedRunner> assignRunner)
{
    private DateTimeOffset _cursor;
    private int _executed;
    private int _slot;

    public void Apply()
    {
        var job = jobs[current];
        var started = job.HasStarted;
        var first = started ? FirstUnfinishedStep(job) : 0;
        var (runs, outcomes, jobConclusion) = PlanCurrent(job, started, first);
        var laterRun = conclusion == GitHubConclusion.Success;

        _cursor = Min(StartOfRemainingWork(job, started, first), now);
        _executed = (runs ? outcomes.Skip(first).Count(o => o != GitHubConclusion.Skipped) : 0)
            + (laterRun ? jobs.Skip(current + 1).Sum(j => j.StepNames.Count) : 0);

        jobs[current] = runs
            ? Execute(job, started, first, outcomes, jobConclusion)
            : NeverStarted(job, jobConclusion);

        var laterConclusion = conclusion switch
        {
            GitHubConclusion.Failure or GitHubConclusion.Skipped => GitHubConclusion.Skipped,
            GitHubConclusion.Cancelled or GitHubConclusion.TimedOut => GitHubConclusion.Cancelled,
            _ => JobConclusionFor(conclusion),
        };
        for (var i = current + 1; i < jobs.Length; i++)
        {
            jobs[i] = laterRun
                ? Execute(jobs[i], started: false, 0, Enumerable.Repeat(GitHubConclusion.Success, jobs[i].StepNames.Count).ToArray(), GitHubConclusion.Success)
                : NeverStarted(jobs[i], laterConclusion);
        }
    }

    private (bool Runs, string[] Outcomes, string JobConclusion) PlanCurrent(EmulatedJob job, bool started, int first)
    {
        var names = job.StepNames;
        var outcomes = new string[names.Count];
        switch (conclusion)
        {
            case GitHubConclusion.Success:
                Fill(outcomes, first, names.Count, GitHubConclusion.Success);
                return (true, outcomes, GitHubConclusion.Success);
            case GitHubConclusion.Failure:
                if (first < names.Count)
                {
                    var failing = Math.Max(first, PreferredFailingStep(names));
                    Fill(outcomes, first, failing, GitHubConclusion.Success);
                    outcomes[failing] = GitHubConclusion.Failure;
                    FillAfterStop(outcomes, names, failing + 1);
                }

                return (true, outcomes, GitHubConclusion.Failure);
            default:
                var jobConclusion = conclusion switch
                {
                    GitHubConclusion.Cancelled => GitHubConclusion.Cancelled,
                    GitHubConclusion.TimedOut => GitHubConclusion.TimedOut,
                    _ => JobConclusionFor(conclusion),
                };
                if (!started)
                {
                    return (false, outcomes, jobConclusion);
                }

                if (first < names.Count)
                {
                    outcomes[first] = conclusion == GitHubConclusion.Skipped ? GitHubConclusion.Skipped : GitHubConclusion.Cancelled;
                    FillAfterStop(outcomes, names, first + 1);
                }

                return (true, outcomes, jobConclusion);
        }
    }

    private EmulatedJob Execute(EmulatedJob job, bool started, int first, string[] outcomes, string jobConclusion)
    {
        if (!started)
        {
            var startedAt = At(_slot);
            job = job with
            {
                StartedAt = startedAt,
                Runner = assignRunner(),
                Steps = job.StepNames.Select((name, i) => new EmulatedStep(i + 1, name, GitHubStatus.Queued, null, null, null)).ToArray(),
            };
        }

        var steps = job.Steps.ToArray();
        for (var i = first; i < steps.Length; i++)
        {
            if (outcomes[i] == GitHubConclusion.Skipped)
            {
                var at = At(_slot);
                steps[i] = steps[i] with { Status = GitHubStatus.Completed, Conclusion = GitHubConclusion.Skipped, StartedAt = at, CompletedAt = at };
                continue;
            }

            var start = i == first && started && steps[i].StartedAt is { } running ? running : At(_slot);
            _slot++;
            steps[i] = steps[i] with { Status = GitHubStatus.Completed, Conclusion = outcomes[i], StartedAt = start, CompletedAt = At(_slot) };
        }

        return job with { Status = GitHubStatus.Completed, Conclusion = jobConclusion, CompletedAt = At(_slot), Steps = steps };
    }

    private EmulatedJob NeverStarted(EmulatedJob job, string jobConclusion) =>
        job with { Status = GitHubStatus.Completed, Conclusion = jobConclusion, StartedAt = now, CompletedAt = now, Steps = [], Runner = null };

    private DateTimeOffset At(int slot) =>
        _executed == 0 || slot >= _executed ? now : _cursor + ((now - _cursor) * slot / _executed);

    private DateTimeOffset StartOfRemainingWork(EmulatedJob job, bool started, int first)
    {
        if (started)
        {
            return first < job.Steps.Count && job.Steps[first].StartedAt is { } stepStart
                ? stepStart
                : job.Steps.Select(s => s.CompletedAt).OfType<DateTimeOffset>().DefaultIfEmpty(job.StartedAt).Max();
        }

        return jobs.Take(current).Select(j => j.CompletedAt).OfType<DateTimeOffset>().DefaultIfEmpty(run.RunStartedAt).Max();
    }

    private static int FirstUnfinishedStep(EmulatedJob job)
    {
        var index = job.Steps.ToList().FindIndex(s => s.Status != GitHubStatus.Completed);
        return index < 0 ? job.Steps.Count : index;
    }

    /// <summary>The last step doing real work (not set-up or clean-up) is where a failing job fails.</summary>
    private static int PreferredFailingStep(IReadOnlyList<string> names)
    {
        for (var i = names.Count - 1; i >= 0; i--)
        {
            if (!RunLifecycle.IsCleanUp(names[i]) && !names[i].Equals("Set up job", StringComparison.Ordinal))
            {
                return i;
            }
        }

        return 0;
    }

    private static void FillAfterStop(string[] outcomes, IReadOnlyList<string> names, int from)
    {
        for (var i = from; i < outcomes.Length; i++)
        {
            outcomes[i] = RunLifecycle.IsCleanUp(names[i]) ? GitHubConclusion.Success : GitHubConclusion.Skipped;
        }
    }

    private static void Fill(string[] outcomes, int from, int to, string value) =>
        Array.Fill(outcomes, value, from, Math.Max(0, to - from));

    private static string JobConclusionFor(string runConclusion) => runConclusion switch
    {
        GitHubConclusion.Neutral or GitHubConclusion.ActionRequired or GitHubConclusion.Skipped or GitHubConclusion.Success
            or GitHubConclusion.Failure or GitHubConclusion.Cancelled or GitHubConclusion.TimedOut => runConclusion,
        GitHubConclusion.StartupFailure => GitHubConclusion.Failure,
        _ => GitHubConclusion.Cancelled,
    };

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
}
