namespace FlowForge.Emulators.Jenkins.State;

/// <summary>Builds: started from the queue, advanced step by step, completed with a result.</summary>
internal sealed partial class JenkinsState
{
    public EmulatedBuild Advance(string jobFullName, int number)
    {
        lock (_gate)
        {
            Tick();
            var build = Build(jobFullName, number);
            Advance(build, Now);
            return Snapshot(build);
        }
    }

    public EmulatedBuild Complete(string jobFullName, int number, string result, string? stoppedBy = null)
    {
        lock (_gate)
        {
            Tick();
            var build = Build(jobFullName, number);
            Complete(build, result, Now, stoppedBy);
            return Snapshot(build);
        }
    }

    /// <summary>
    /// A finished build for history: it starts at <paramref name="startedAt"/> and its steps share <paramref name="duration"/>;
    /// a build that did not succeed stops about halfway.
    /// </summary>
    public EmulatedBuild AddCompletedBuild(string jobFullName, JenkinsBuildSpec spec, string result, DateTimeOffset startedAt, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (_gate)
        {
            var job = Job(jobFullName);
            var entry = new QueueEntry { Id = _nextQueueId++, Job = job, InQueueSince = startedAt, DueAt = startedAt, AutoStart = false, Pending = Pending(job, spec) };
            var build = Start(entry, startedAt);
            var steps = job.Kind == ItemKind.Pipeline ? Math.Max(1, StagesOf(build).Sum(stage => stage.Steps.Count)) : 1;
            var done = result is JenkinsResult.Success or JenkinsResult.Unstable ? steps - 1 : Math.Max(0, (steps / 2) - 1);
            var at = startedAt;
            for (var i = 0; i < done && build.Building; i++)
            {
                at += duration / steps;
                Advance(build, at);
            }

            if (build.Building)
            {
                Complete(build, result, startedAt + duration, result == JenkinsResult.Aborted ? DefaultUser : null);
            }

            return Snapshot(build);
        }
    }

    public EmulatedBuild GetBuild(string jobFullName, int number)
    {
        lock (_gate)
        {
            Tick();
            return Snapshot(Build(jobFullName, number));
        }
    }

    /// <summary>The job's builds, newest first.</summary>
    public IReadOnlyList<EmulatedBuild> Builds(string jobFullName)
    {
        lock (_gate)
        {
            Tick();
            return [.. Job(jobFullName).Job!.Builds.Values.Select(Snapshot)];
        }
    }

    /// <summary>Every build still running, of every job.</summary>
    public IReadOnlyList<EmulatedBuild> RunningBuilds()
    {
        lock (_gate)
        {
            Tick();
            return [.. _root.Descendants().Where(node => node.Job is not null)
                .SelectMany(node => node.Job!.Builds.Values.Where(build => build.Building)).Select(Snapshot)];
        }
    }

    private BuildState Build(string jobFullName, int number) =>
        Job(jobFullName).Job!.Builds.GetValueOrDefault(number) ?? throw new KeyNotFoundException($"'{jobFullName}' has no build #{number}.");

    private EmulatedBuild Snapshot(BuildState build) => new(
        build.Job.FullName,
        build.Number,
        build.QueueId,
        build.Building,
        build.Result,
        build.Timestamp,
        build.FinishedAt,
        build.Pending.Commit.Sha,
        build.Pending.Commit.Message,
        build.Pending.Parameters.ToDictionary(value => value.Name, value => value.Value, StringComparer.Ordinal),
        [.. build.Stages.Select(stage => new EmulatedStage(stage.Id, stage.Name, stage.Status))],
        build.Log.ToString(),
        new Uri(BaseUrl, build.Path));
}
