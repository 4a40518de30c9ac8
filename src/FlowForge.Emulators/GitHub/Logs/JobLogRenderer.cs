using System.Globalization;
using System.Text;

namespace FlowForge.Emulators.GitHub.Logs;

/// <summary>
/// A job's log as GitHub serves it: UTF-8 with a byte-order mark, each line prefixed with a 7-digit-fraction UTC
/// timestamp, steps wrapped in <c>##[group]</c> markers, failures as <c>##[error]</c>. A running job's log ends
/// where the job is; skipped steps write nothing.
/// </summary>
internal static class JobLogRenderer
{
    public static byte[] Render(EmulatedJob job, EmulatedRun run)
    {
        var log = new StringBuilder();
        foreach (var step in job.Steps)
        {
            if (step.StartedAt is not { } startedAt || step.Conclusion == GitHubConclusion.Skipped)
            {
                continue;
            }

            var lines = new List<string>(StepLines(step, job, run));
            if (step.Status == GitHubStatus.Completed)
            {
                lines.AddRange(Outcome(step.Conclusion));
            }

            var span = (step.CompletedAt ?? startedAt) - startedAt;
            for (var i = 0; i < lines.Count; i++)
            {
                var at = startedAt + (span * i / Math.Max(1, lines.Count));
                log.Append(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture))
                    .Append(' ').Append(lines[i]).Append('\n');
            }
        }

        return [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(log.ToString())];
    }

    private static IEnumerable<string> StepLines(EmulatedStep step, EmulatedJob job, EmulatedRun run)
    {
        if (step.Name == "Set up job")
        {
            return
            [
                "Current runner version: '2.328.0'",
                $"Runner name: '{job.Runner?.Name}'",
                $"Runner group name: '{job.Runner?.GroupName}'",
                "##[group]Operating System",
                "Ubuntu",
                "24.04.2",
                "LTS",
                "##[endgroup]",
                "##[group]Runner Image",
                "Image: ubuntu-24.04",
                "##[endgroup]",
                "Prepare workflow directory",
                "Prepare all required actions",
                $"Complete job name: {job.Name}",
            ];
        }

        if (step.Name == "Complete job")
        {
            return ["Cleaning up orphan processes"];
        }

        if (step.Name.StartsWith("Post ", StringComparison.Ordinal))
        {
            return [step.Name, "Post job cleanup."];
        }

        if (step.Name.StartsWith("Run ", StringComparison.Ordinal) && step.Name.Contains('@', StringComparison.Ordinal))
        {
            return
            [
                $"##[group]{step.Name}",
                "with:",
                $"  repository: {run.RepositoryFullName}",
                $"  ref: {run.HeadBranch}",
                "##[endgroup]",
                $"Syncing repository: {run.RepositoryFullName}",
                $"HEAD is now at {run.HeadSha[..7]} {run.DisplayTitle}",
            ];
        }

        return
        [
            $"##[group]Run {step.Name}",
            "shell: /usr/bin/bash -e {0}",
            "##[endgroup]",
            $"{step.Name}: working on {run.RepositoryFullName}@{run.HeadSha[..7]}",
        ];
    }

    private static IEnumerable<string> Outcome(string? conclusion) => conclusion switch
    {
        GitHubConclusion.Failure => ["##[error]Process completed with exit code 1."],
        GitHubConclusion.Cancelled => ["##[error]The operation was canceled."],
        _ => [],
    };
}
