using System.Text.Json;

namespace FlowForge.Emulators.GitHub.Json;

internal static class JobJson
{
    /// <param name="run">The run the job belongs to (any attempt: branch, sha and workflow do not change).</param>
    public static void Write(Utf8JsonWriter w, EmulatedJob job, EmulatedRun run, RenderContext context)
    {
        var urls = context.Urls;
        var repositoryApi = urls.Repository(run.RepositoryFullName);
        w.WriteStartObject();
        w.WriteNumber("id", job.Id);
        w.WriteNumber("run_id", job.RunId);
        w.WriteString("workflow_name", run.WorkflowName);
        w.WriteString("head_branch", run.HeadBranch);
        w.WriteString("run_url", $"{repositoryApi}/actions/runs/{job.RunId}");
        w.WriteNumber("run_attempt", job.RunAttempt);
        w.WriteString("node_id", JsonFormat.NodeId("Workflow Job", job.Id));
        w.WriteString("head_sha", run.HeadSha);
        w.WriteString("url", $"{repositoryApi}/actions/jobs/{job.Id}");
        w.WriteString("html_url", urls.Html($"{run.RepositoryFullName}/actions/runs/{job.RunId}/job/{job.Id}"));
        w.WriteString("status", job.Status);
        w.WriteNullableString("conclusion", job.Conclusion);
        w.WriteTime("created_at", job.CreatedAt);
        w.WriteTime("started_at", job.StartedAt);
        w.WriteTime("completed_at", job.CompletedAt);
        w.WriteString("name", job.Name);
        w.WriteStartArray("steps");
        foreach (var step in job.Steps)
        {
            w.WriteStartObject();
            w.WriteString("name", step.Name);
            w.WriteString("status", step.Status);
            w.WriteNullableString("conclusion", step.Conclusion);
            w.WriteNumber("number", step.Number);
            w.WriteTime("started_at", step.StartedAt);
            w.WriteTime("completed_at", step.CompletedAt);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("check_run_url", $"{repositoryApi}/check-runs/{job.Id}");
        w.WriteStartArray("labels");
        foreach (var label in job.Labels)
        {
            w.WriteStringValue(label);
        }

        w.WriteEndArray();
        w.WriteNullableNumber("runner_id", job.Runner?.Id);
        w.WriteNullableString("runner_name", job.Runner?.Name);
        w.WriteNullableNumber("runner_group_id", job.Runner?.GroupId);
        w.WriteNullableString("runner_group_name", job.Runner?.GroupName);
        w.WriteEndObject();
    }
}
