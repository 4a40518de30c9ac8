using System.Text.Json;

namespace FlowForge.Emulators.GitHub.Json;

internal static class RunJson
{
    public static void Write(Utf8JsonWriter w, EmulatedRun run, RenderContext context)
    {
        var urls = context.Urls;
        var repositoryApi = urls.Repository(run.RepositoryFullName);
        var runApi = $"{repositoryApi}/actions/runs/{run.Id}";
        var repository = context.Repository(run.RepositoryId);

        w.WriteStartObject();
        w.WriteNumber("id", run.Id);
        w.WriteString("name", run.WorkflowName);
        w.WriteString("node_id", JsonFormat.NodeId("Workflow Run", run.Id));
        w.WriteNumber("check_suite_id", run.CheckSuiteId);
        w.WriteString("check_suite_node_id", JsonFormat.NodeId("CheckSuite", run.CheckSuiteId));
        w.WriteString("head_branch", run.HeadBranch);
        w.WriteString("head_sha", run.HeadSha);
        w.WriteString("path", $"{run.WorkflowPath}@{run.HeadBranch}");
        w.WriteNumber("run_number", run.RunNumber);
        w.WriteString("event", run.Event);
        w.WriteString("display_title", run.DisplayTitle);
        w.WriteString("status", run.Status);
        w.WriteNullableString("conclusion", run.Conclusion);
        w.WriteNumber("workflow_id", run.WorkflowId);
        w.WriteString("url", runApi);
        w.WriteString("html_url", urls.Html($"{run.RepositoryFullName}/actions/runs/{run.Id}"));
        w.WriteStartArray("pull_requests");
        w.WriteEndArray();
        w.WriteTime("created_at", run.CreatedAt);
        w.WriteTime("updated_at", run.UpdatedAt);
        w.WritePropertyName("actor");
        AccountJson.WriteSimple(w, context.Account(run.Actor), context);
        w.WriteNumber("run_attempt", run.RunAttempt);
        w.WriteStartArray("referenced_workflows");
        w.WriteEndArray();
        w.WriteTime("run_started_at", run.RunStartedAt);
        w.WritePropertyName("triggering_actor");
        AccountJson.WriteSimple(w, context.Account(run.TriggeringActor), context);
        w.WriteString("jobs_url", runApi + "/jobs");
        w.WriteString("logs_url", runApi + "/logs");
        w.WriteString("check_suite_url", $"{repositoryApi}/check-suites/{run.CheckSuiteId}");
        w.WriteString("artifacts_url", runApi + "/artifacts");
        w.WriteString("cancel_url", runApi + "/cancel");
        w.WriteString("rerun_url", runApi + "/rerun");
        w.WriteNullableString("previous_attempt_url", run.RunAttempt > 1 ? $"{runApi}/attempts/{run.RunAttempt - 1}" : null);
        w.WriteString("workflow_url", $"{repositoryApi}/actions/workflows/{run.WorkflowId}");
        WriteHeadCommit(w, run.HeadCommit);
        w.WritePropertyName("repository");
        RepositoryJson.WriteCompact(w, repository, context);
        w.WritePropertyName("head_repository");
        RepositoryJson.WriteCompact(w, repository, context);
        w.WriteNumber("head_repository_id", run.RepositoryId);
        w.WriteEndObject();
    }

    private static void WriteHeadCommit(Utf8JsonWriter w, EmulatedCommit commit)
    {
        w.WriteStartObject("head_commit");
        w.WriteString("id", commit.Id);
        w.WriteString("tree_id", commit.TreeId);
        w.WriteString("message", commit.Message);
        w.WriteTime("timestamp", commit.Timestamp);
        w.WriteStartObject("author");
        w.WriteString("name", commit.AuthorName);
        w.WriteString("email", commit.AuthorEmail);
        w.WriteEndObject();
        w.WriteStartObject("committer");
        w.WriteString("name", "GitHub");
        w.WriteString("email", "noreply@github.com");
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
