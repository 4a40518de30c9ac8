namespace FlowForge.Emulators.Jenkins.State;

/// <summary>The console text builds write, shaped like Jenkins' own (Pipeline's <c>[Pipeline]</c> lines, freestyle's shell echo).</summary>
internal static class ConsoleScript
{
    public static void Started(BuildState build)
    {
        foreach (var cause in build.Pending.Causes)
        {
            Line(build, cause.ShortDescription);
        }

        var workspace = $"/var/jenkins_home/workspace/{build.Job.FullName.Replace('/', '_')}";
        var commit = build.Pending.Commit;
        if (build.Job.Kind == ItemKind.Pipeline)
        {
            Line(build, "[Pipeline] Start of Pipeline");
            Line(build, "[Pipeline] node");
            Line(build, $"Running on {build.Agent} in {workspace}");
            Line(build, "[Pipeline] {");
        }
        else
        {
            Line(build, "Running as SYSTEM");
            Line(build, $"Building remotely on {build.Agent} in workspace {workspace}");
        }

        Line(build, "The recommended git tool is: NONE");
        Line(build, $" > git fetch --no-tags --force --progress -- {build.Job.Job!.RepositoryUrl} +refs/heads/*:refs/remotes/origin/* # timeout=10");
        Line(build, $"Checking out Revision {commit.Sha} (refs/remotes/origin/{commit.Branch})");
        Line(build, $"Commit message: \"{commit.Message.Split('\n')[0]}\"");
        if (build.Job.Kind != ItemKind.Pipeline)
        {
            Line(build, $"[{build.Job.Name}] $ /bin/sh -xe /tmp/jenkins{build.Number}.sh");
            Line(build, "+ ./build.sh");
        }
    }

    public static void StageBegun(BuildState build, StageState stage)
    {
        Line(build, "[Pipeline] stage");
        Line(build, $"[Pipeline] {{ ({stage.Name})");
    }

    public static void StepBegun(BuildState build, StepState step)
    {
        Line(build, $"[Pipeline] {FunctionName(step.Spec.Name)}");
        if (step.Spec.Name == "Shell Script" && step.Spec.Argument is { } command)
        {
            Line(build, $"+ {command}");
        }
    }

    public static void StepDone(BuildState build, StepState step) =>
        Line(build, step.Spec.Name == "Shell Script" ? $"{step.Spec.Argument?.Split(' ')[0]}: done" : $"{step.Spec.Name}: done");

    public static void Progress(BuildState build) =>
        Line(build, $"[{build.Job.Name}] step {build.Log.Length % 97} finished");

    public static void StageEnded(BuildState build)
    {
        Line(build, "[Pipeline] }");
        Line(build, "[Pipeline] // stage");
    }

    public static void Finished(BuildState build, string result, string? stoppedBy)
    {
        if (result == JenkinsResult.Failure)
        {
            Line(build, "ERROR: script returned exit code 1");
        }
        else if (result == JenkinsResult.Aborted)
        {
            Line(build, stoppedBy is null ? "Aborted" : $"Aborted by {stoppedBy}");
        }

        if (build.Job.Kind == ItemKind.Pipeline)
        {
            Line(build, "[Pipeline] }");
            Line(build, "[Pipeline] // node");
            Line(build, "[Pipeline] End of Pipeline");
        }

        Line(build, $"Finished: {result}");
    }

    /// <summary>The step function the console names: <c>Shell Script</c> → <c>sh</c>.</summary>
    private static string FunctionName(string displayName) => displayName switch
    {
        "Shell Script" => "sh",
        "Check out from version control" => "checkout",
        "Record test results" => "junit",
        "Archive the artifacts" => "archiveArtifacts",
        "Wait for interactive input" => "input",
        _ => displayName.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant(),
    };

    private static void Line(BuildState build, string text) => build.Log.Append(text).Append('\n');
}
