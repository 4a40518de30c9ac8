namespace FlowForge.Emulators.Jenkins.State;

/// <summary>
/// How a build moves: it leaves the queue with the job's next number, a Pipeline build walks its stages step by step, and
/// it ends with a result that the running stage and step share. The console grows with every move.
/// </summary>
internal sealed partial class JenkinsState
{
    private static readonly string[] Agents = ["built-in", "linux-agent-1", "linux-agent-2", "docker-agent-3"];

    /// <summary>A queue item leaves the queue as a new build with the job's next number; a Pipeline build enters its first stage.</summary>
    private BuildState Start(QueueEntry entry, DateTimeOffset? at = null)
    {
        var when = at ?? Now;
        var job = entry.Job.Job!;
        var number = job.NextBuildNumber++;
        var build = new BuildState
        {
            Job = entry.Job, Number = number, QueueId = entry.Id, Timestamp = when, Pending = entry.Pending, Agent = Agents[number % Agents.Length],
        };
        job.Builds[number] = build;
        entry.BuildNumber = number;
        entry.LeftAt = when;
        ConsoleScript.Started(build);
        if (entry.Job.Kind == ItemKind.Pipeline)
        {
            BeginStage(build, when);
        }

        return build;
    }

    /// <summary>Finishes the running step and starts the next one, the next stage, or completes the build successfully.</summary>
    private static void Advance(BuildState build, DateTimeOffset at)
    {
        if (!build.Building)
        {
            throw new InvalidOperationException($"Build #{build.Number} of '{build.Job.FullName}' already finished.");
        }

        if (build.Job.Kind != ItemKind.Pipeline)
        {
            ConsoleScript.Progress(build);
            return;
        }

        StepForward(build, at);
        if (!HasWorkLeft(build))
        {
            Complete(build, JenkinsResult.Success, at, null);
        }
    }

    /// <summary>
    /// Ends the build with <paramref name="result"/>. Success and unstable run the remaining stages to their end (unstable
    /// marks the stage it happened in); failure and abort end the running step and stage there, and no later stage runs.
    /// </summary>
    private static void Complete(BuildState build, string result, DateTimeOffset at, string? stoppedBy)
    {
        if (!JenkinsResult.IsKnown(result))
        {
            throw new ArgumentException($"'{result}' is not a Jenkins result.", nameof(result));
        }

        if (!build.Building)
        {
            throw new InvalidOperationException($"Build #{build.Number} of '{build.Job.FullName}' already finished.");
        }

        if (build.Job.Kind == ItemKind.Pipeline)
        {
            var hit = build.RunningStage ?? build.Stages.LastOrDefault();
            if (result is JenkinsResult.Success or JenkinsResult.Unstable)
            {
                while (HasWorkLeft(build))
                {
                    StepForward(build, at);
                }

                if (result == JenkinsResult.Unstable && (hit ?? build.Stages.LastOrDefault()) is { } unstable)
                {
                    unstable.Status = StageStatus.Unstable;
                }
            }
            else if (build.RunningStage is { } stage)
            {
                var status = StageStatus.Of(result);
                FinishStep(build, stage, status, at);
                stage.Status = status;
                stage.End = at;
                stage.Error = result == JenkinsResult.Failure ? "script returned exit code 1" : null;
                ConsoleScript.StageEnded(build);
            }
        }

        ConsoleScript.Finished(build, result, stoppedBy);
        build.Building = false;
        build.Result = result;
        build.FinishedAt = at;
    }

    /// <summary>Finishes the running step and begins the next step or stage (or the first stage).</summary>
    private static void StepForward(BuildState build, DateTimeOffset at)
    {
        if (build.RunningStage is not { } stage)
        {
            BeginStage(build, at);
            return;
        }

        FinishStep(build, stage, StageStatus.Success, at);
        if (!BeginStep(build, stage, at))
        {
            stage.Status = StageStatus.Success;
            stage.End = at;
            ConsoleScript.StageEnded(build);
            BeginStage(build, at);
        }
    }

    private static bool HasWorkLeft(BuildState build) => build.RunningStage is not null || build.NextStage < StagesOf(build).Count;

    private static IReadOnlyList<JenkinsStageSpec> StagesOf(BuildState build) => build.Job.Job!.Spec.Stages ?? JenkinsStageSpec.Default;

    private static bool BeginStage(BuildState build, DateTimeOffset at)
    {
        var specs = StagesOf(build);
        if (build.NextStage >= specs.Count)
        {
            return false;
        }

        var stage = new StageState(NodeId(build), specs[build.NextStage++].Name, at) { ExecNode = build.Agent == "built-in" ? "" : build.Agent };
        build.Stages.Add(stage);
        ConsoleScript.StageBegun(build, stage);
        BeginStep(build, stage, at);
        return true;
    }

    private static bool BeginStep(BuildState build, StageState stage, DateTimeOffset at)
    {
        var spec = StagesOf(build)[build.Stages.IndexOf(stage)];
        if (stage.NextStep >= spec.Steps.Count)
        {
            return false;
        }

        var step = new StepState(NodeId(build), spec.Steps[stage.NextStep++], at, stage.Steps.LastOrDefault()?.Id ?? stage.Id);
        stage.Steps.Add(step);
        ConsoleScript.StepBegun(build, step);
        return true;
    }

    private static void FinishStep(BuildState build, StageState stage, string status, DateTimeOffset at)
    {
        if (stage.Steps.LastOrDefault(step => step.Status == StageStatus.InProgress) is not { } step)
        {
            return;
        }

        step.Status = status;
        step.End = at;
        step.Error = status == StageStatus.Failed ? "script returned exit code 1" : null;
        if (status == StageStatus.Success)
        {
            ConsoleScript.StepDone(build, step);
        }
    }

    private static string NodeId(BuildState build) => Number(build.NextNodeId++);
}
