using System.Text.Json;
using FlowForge.Emulators.GitLab.State;

namespace FlowForge.Emulators.GitLab.Json;

/// <summary>What rendering needs besides the entity: where the web UI is and who the users are.</summary>
internal sealed record RenderContext(GitLabState State, Uri Web)
{
    public string ProjectUrl(long projectId) =>
        new Uri(Web, State.Project(projectId.ToString(System.Globalization.CultureInfo.InvariantCulture))?.PathWithNamespace ?? "unknown").AbsoluteUri;

    public GitLabUser UserOrGhost(string username) => State.User(username) ?? new GitLabUser(0, username, username, $"{username}@example.com");
}

/// <summary>Pipelines and jobs as the REST API renders them (<c>PipelineBasic</c>, <c>Pipeline</c>, <c>Job</c>).</summary>
internal static class PipelineJson
{
    /// <summary>An item of <c>GET /projects/:id/pipelines</c>: no user, no start or finish time, no commit message.</summary>
    public static void Basic(Utf8JsonWriter w, GitLabPipeline pipeline, RenderContext render)
    {
        w.WriteStartObject();
        BasicFields(w, pipeline, render);
        w.WriteEndObject();
    }

    /// <summary><c>GET …/pipelines/:id</c> and the answers of create, retry and cancel.</summary>
    public static void Full(Utf8JsonWriter w, GitLabPipeline pipeline, RenderContext render)
    {
        w.WriteStartObject();
        BasicFields(w, pipeline, render);
        w.WriteString("before_sha", pipeline.BeforeSha);
        w.WriteBoolean("tag", pipeline.Tag);
        w.WriteNull("yaml_errors");
        w.WritePropertyName("user");
        ResourceJson.User(w, render.UserOrGhost(pipeline.Username), render.Web);
        w.Time("started_at", pipeline.StartedAt);
        w.Time("finished_at", pipeline.FinishedAt);
        w.WriteNull("committed_at");
        w.Seconds("duration", pipeline.StartedAt, pipeline.FinishedAt);
        w.Seconds("queued_duration", pipeline.CreatedAt, pipeline.StartedAt);
        w.WriteNull("coverage");
        w.WritePropertyName("detailed_status");
        DetailedStatus(w, pipeline, render);
        w.WriteEndObject();
    }

    public static void Job(Utf8JsonWriter w, GitLabJob job, GitLabPipeline pipeline, RenderContext render)
    {
        var projectUrl = render.ProjectUrl(pipeline.ProjectId);
        w.WriteStartObject();
        w.WriteNumber("id", job.Id);
        w.WriteString("status", job.Status);
        w.WriteString("stage", job.Stage);
        w.WriteString("name", job.Name);
        w.WriteString("ref", pipeline.Ref);
        w.WriteBoolean("tag", pipeline.Tag);
        w.WriteNull("coverage");
        w.WriteBoolean("allow_failure", job.AllowFailure);
        w.Time("created_at", job.CreatedAt);
        w.Time("started_at", job.StartedAt);
        w.Time("finished_at", job.FinishedAt);
        w.WriteNull("erased_at");
        w.Seconds("duration", job.StartedAt, job.FinishedAt);
        w.Seconds("queued_duration", job.CreatedAt, job.StartedAt);
        w.WritePropertyName("user");
        ResourceJson.User(w, render.UserOrGhost(job.Username), render.Web);
        w.WritePropertyName("commit");
        Commit(w, pipeline.Commit, projectUrl);
        w.WritePropertyName("pipeline");
        Basic(w, pipeline, render);
        if (job.FailureReason is { } reason)
        {
            w.WriteString("failure_reason", reason);
        }

        w.WriteString("web_url", $"{projectUrl}/-/jobs/{job.Id}");
        w.WriteStartObject("project");
        w.WriteBoolean("ci_job_token_scope_enabled", false);
        w.WriteEndObject();
        w.WriteStartArray("artifacts");
        w.WriteEndArray();
        if (job.Runner is { } runner)
        {
            w.WriteStartObject("runner");
            w.WriteNumber("id", 12_270_000 + runner[^1]);
            w.WriteString("description", runner);
            w.WriteString("ip_address", "10.0.0.7");
            w.WriteBoolean("active", true);
            w.WriteBoolean("paused", false);
            w.WriteBoolean("is_shared", true);
            w.WriteString("runner_type", "instance_type");
            w.WriteString("name", "gitlab-runner");
            w.WriteBoolean("online", true);
            w.WriteString("status", "online");
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("runner");
        }

        w.WriteNull("artifacts_expire_at");
        w.WriteBoolean("archived", false);
        w.WriteStartArray("tag_list");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void BasicFields(Utf8JsonWriter w, GitLabPipeline pipeline, RenderContext render)
    {
        w.WriteNumber("id", pipeline.Id);
        w.WriteNumber("iid", pipeline.Iid);
        w.WriteNumber("project_id", pipeline.ProjectId);
        w.WriteString("sha", pipeline.Sha);
        w.WriteString("ref", pipeline.Ref);
        w.WriteString("status", pipeline.Status);
        w.WriteString("source", pipeline.Source);
        w.Time("created_at", pipeline.CreatedAt);
        w.Time("updated_at", pipeline.UpdatedAt);
        w.WriteString("web_url", $"{render.ProjectUrl(pipeline.ProjectId)}/-/pipelines/{pipeline.Id}");
        w.StringOrNull("name", pipeline.Name);
    }

    private static void Commit(Utf8JsonWriter w, GitLabCommit commit, string projectUrl)
    {
        w.WriteStartObject();
        w.WriteString("id", commit.Id);
        w.WriteString("short_id", commit.ShortId);
        w.Time("created_at", commit.CreatedAt);
        w.WriteStartArray("parent_ids");
        w.WriteEndArray();
        w.WriteString("title", commit.Title);
        w.WriteString("message", commit.Message);
        w.WriteString("author_name", commit.AuthorName);
        w.WriteString("author_email", commit.AuthorEmail);
        w.Time("authored_date", commit.CreatedAt);
        w.WriteString("committer_name", commit.AuthorName);
        w.WriteString("committer_email", commit.AuthorEmail);
        w.Time("committed_date", commit.CreatedAt);
        w.WriteStartObject("trailers");
        w.WriteEndObject();
        w.WriteString("web_url", $"{projectUrl}/-/commit/{commit.Id}");
        w.WriteEndObject();
    }

    /// <summary>The UI's view of the status; <c>success-with-warnings</c> when an allowed failure failed.</summary>
    private static void DetailedStatus(Utf8JsonWriter w, GitLabPipeline pipeline, RenderContext render)
    {
        var warnings = pipeline.Status == GitLabStatus.Success && pipeline.LatestJobs.Any(job => job.Status == GitLabStatus.Failed && job.AllowFailure);
        var (icon, text, group) = (pipeline.Status, warnings) switch
        {
            (GitLabStatus.Success, true) => ("status_warning", "Warning", "success-with-warnings"),
            (GitLabStatus.Success, false) => ("status_success", "Passed", "success"),
            (GitLabStatus.Failed, _) => ("status_failed", "Failed", "failed"),
            (GitLabStatus.Running, _) => ("status_running", "Running", "running"),
            (GitLabStatus.Pending, _) => ("status_pending", "Pending", "pending"),
            (GitLabStatus.Canceled, _) => ("status_canceled", "Canceled", "canceled"),
            (GitLabStatus.Skipped, _) => ("status_skipped", "Skipped", "skipped"),
            (GitLabStatus.Manual, _) => ("status_manual", "Blocked", "manual"),
            _ => ("status_created", "Created", pipeline.Status),
        };
        w.WriteStartObject();
        w.WriteString("icon", icon);
        w.WriteString("text", text);
        w.WriteString("label", warnings ? "passed with warnings" : text.ToLowerInvariant());
        w.WriteString("group", group);
        w.WriteString("tooltip", warnings ? "passed with warnings" : text.ToLowerInvariant());
        w.WriteBoolean("has_details", true);
        w.WriteString("details_path", new Uri($"{render.ProjectUrl(pipeline.ProjectId)}/-/pipelines/{pipeline.Id}").AbsolutePath);
        w.WriteNull("illustration");
        w.WriteString("favicon", $"/assets/ci_favicons/favicon_{icon}.png");
        w.WriteEndObject();
    }
}
