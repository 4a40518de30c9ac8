namespace FlowForge.Emulators.GitHub.State;

/// <summary>
/// Pure transitions of a run attempt, shaped after what GitHub shows: a queued job has no steps and no runner;
/// a failing job fails one step and skips the rest except its clean-up steps; jobs after a failure are skipped,
/// after a cancellation cancelled.
/// </summary>
internal static class RunLifecycle
{
    public static EmulatedRun Begin(EmulatedRun run, DateTimeOffset now, Func<EmulatedRunner> assignRunner)
    {
        if (run.Status != GitHubStatus.Queued)
        {
            throw new InvalidOperationException($"Run {run.Id} is {run.Status}; only a queued run can begin.");
        }

        var jobs = run.Jobs.ToArray();
        var first = Array.FindIndex(jobs, j => j.Status == GitHubStatus.Queued);
        if (first >= 0)
        {
            jobs[first] = StartJob(jobs[first], now, assignRunner());
        }

        return run with { Status = GitHubStatus.InProgress, UpdatedAt = now, Jobs = jobs };
    }

    /// <summary>Finishes the running step successfully and starts the next one (or the next job).</summary>
    public static EmulatedRun Advance(EmulatedRun run, DateTimeOffset now, Func<EmulatedRunner> assignRunner)
    {
        if (run.Status == GitHubStatus.Queued)
        {
            return Begin(run, now, assignRunner);
        }

        EnsureNotCompleted(run);
        var jobs = run.Jobs.ToArray();
        var running = Array.FindIndex(jobs, j => j.Status == GitHubStatus.InProgress);
        if (running >= 0)
        {
            var job = jobs[running];
            var steps = job.Steps.ToArray();
            var step = Array.FindIndex(steps, s => s.Status == GitHubStatus.InProgress);
            if (step >= 0)
            {
                steps[step] = steps[step] with { Status = GitHubStatus.Completed, Conclusion = GitHubConclusion.Success, CompletedAt = now };
            }

            if (step >= 0 && step + 1 < steps.Length)
            {
                steps[step + 1] = steps[step + 1] with { Status = GitHubStatus.InProgress, StartedAt = now };
                jobs[running] = job with { Steps = steps };
            }
            else
            {
                jobs[running] = job with { Status = GitHubStatus.Completed, Conclusion = GitHubConclusion.Success, CompletedAt = now, Steps = steps };
                StartNextQueued(jobs, now, assignRunner);
            }
        }
        else
        {
            StartNextQueued(jobs, now, assignRunner);
        }

        var advanced = run with { Jobs = jobs, UpdatedAt = now };
        return jobs.All(j => j.Status == GitHubStatus.Completed)
            ? advanced with { Status = GitHubStatus.Completed, Conclusion = GitHubConclusion.Success }
            : advanced;
    }

    public static EmulatedRun Complete(EmulatedRun run, string conclusion, DateTimeOffset now, Func<EmulatedRunner> assignRunner)
    {
        EnsureNotCompleted(run);
        if (!GitHubConclusion.All.Contains(conclusion))
        {
            throw new ArgumentException(
                $"Unknown conclusion '{conclusion}'; expected one of {string.Join(", ", GitHubConclusion.All)}.", nameof(conclusion));
        }

        var jobs = run.Jobs.ToArray();
        var current = Array.FindIndex(jobs, j => j.Status != GitHubStatus.Completed);
        if (current >= 0)
        {
            new RunCompletion(run, jobs, current, conclusion, now, assignRunner).Apply();
        }

        return run with { Status = GitHubStatus.Completed, Conclusion = conclusion, UpdatedAt = now, Jobs = jobs };
    }

    /// <summary>The next attempt of a completed run, with fresh queued jobs for <paramref name="jobsToRerun"/>.</summary>
    public static EmulatedRun Rerun(
        EmulatedRun latest, IEnumerable<EmulatedJob> jobsToRerun, string triggeringActor, DateTimeOffset now, Func<long> nextJobId)
    {
        if (!latest.IsCompleted)
        {
            throw new InvalidOperationException($"Run {latest.Id} is {latest.Status}; only a completed run can be re-run.");
        }

        var attempt = latest.RunAttempt + 1;
        var jobs = jobsToRerun.Select(j => NewJob(nextJobId(), latest.Id, attempt, j.Name, j.StepNames, now)).ToArray();
        return latest with
        {
            RunAttempt = attempt,
            Status = GitHubStatus.Queued,
            Conclusion = null,
            TriggeringActor = triggeringActor,
            UpdatedAt = now,
            RunStartedAt = now,
            Jobs = jobs,
        };
    }

    public static EmulatedJob NewJob(long id, long runId, int attempt, string name, IReadOnlyList<string> stepNames, DateTimeOffset now) =>
        // GitHub reports started_at (never null) as the creation time while a job waits for a runner.
        new(id, runId, attempt, name, GitHubStatus.Queued, null, now, now, null, stepNames, [], null, ["ubuntu-latest"]);

    internal static bool IsCleanUp(string stepName) =>
        stepName.Equals("Complete job", StringComparison.Ordinal) || stepName.StartsWith("Post ", StringComparison.Ordinal);

    private static EmulatedJob StartJob(EmulatedJob job, DateTimeOffset now, EmulatedRunner runner)
    {
        var steps = job.StepNames
            .Select((name, i) => i == 0
                ? new EmulatedStep(i + 1, name, GitHubStatus.InProgress, null, now, null)
                : new EmulatedStep(i + 1, name, GitHubStatus.Queued, null, null, null))
            .ToArray();
        return job with { Status = GitHubStatus.InProgress, StartedAt = now, Runner = runner, Steps = steps };
    }

    private static void StartNextQueued(EmulatedJob[] jobs, DateTimeOffset now, Func<EmulatedRunner> assignRunner)
    {
        var next = Array.FindIndex(jobs, j => j.Status == GitHubStatus.Queued);
        if (next >= 0)
        {
            jobs[next] = StartJob(jobs[next], now, assignRunner());
        }
    }

    private static void EnsureNotCompleted(EmulatedRun run)
    {
        if (run.IsCompleted)
        {
            throw new InvalidOperationException($"Run {run.Id} is already completed ({run.Conclusion}).");
        }
    }
}
