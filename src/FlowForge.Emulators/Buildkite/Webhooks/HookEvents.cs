namespace FlowForge.Emulators.Buildkite.Webhooks;

/// <summary>Which webhook events a change of a build causes, in the order Buildkite sends them.</summary>
internal static class HookEvents
{
    public const string Ping = "ping";

    /// <summary>
    /// A new build → <c>build.scheduled</c> (and <c>job.scheduled</c> for its scheduled jobs). Then per job:
    /// scheduled → <c>job.scheduled</c>, running → <c>job.started</c>, finished → <c>job.finished</c>, unblocked →
    /// <c>job.activated</c>; per build: running (again) → <c>build.running</c>, failing → <c>build.failing</c>, passed,
    /// failed, canceled or blocked → <c>build.finished</c>. Build events that start something come before the job events,
    /// <c>build.finished</c> after them.
    /// </summary>
    public static IReadOnlyList<(string Event, BuildkiteJob? Job)> Of(BuildkiteBuild? before, BuildkiteBuild after)
    {
        var events = new List<(string, BuildkiteJob?)>();
        var stateChanged = before is null || before.State != after.State || before.Blocked != after.Blocked;
        if (before is null)
        {
            events.Add(("build.scheduled", null));
        }
        else if (stateChanged && after.State is BuildkiteStates.Running)
        {
            events.Add(("build.running", null));
        }

        var previous = (before?.Jobs ?? []).ToDictionary(job => job.Id, StringComparer.Ordinal);
        foreach (var job in after.Jobs)
        {
            var was = previous.GetValueOrDefault(job.Id)?.State;
            if (was == job.State)
            {
                continue;
            }

            var name = job.State switch
            {
                BuildkiteStates.Scheduled when job.Type == "script" => "job.scheduled",
                BuildkiteStates.Running => "job.started",
                BuildkiteStates.Unblocked => "job.activated",
                _ when job.Type == "script" && BuildkiteStates.IsFinishedJob(job.State) && job.StartedAt is not null => "job.finished",
                _ => null,
            };
            if (name is not null)
            {
                events.Add((name, job));
            }
        }

        if (stateChanged && before is not null)
        {
            switch (after.State)
            {
                case BuildkiteStates.Failing:
                    events.Add(("build.failing", null));
                    break;
                case BuildkiteStates.Skipped or BuildkiteStates.NotRun:
                    events.Add(("build.skipped", null));
                    break;
                case var state when BuildkiteStates.IsFinishedBuild(state):
                    events.Add(("build.finished", null));
                    break;
            }
        }

        return events;
    }
}
