using System.Text.Json;
using FlowForge.Emulators.GitLab.Json;

namespace FlowForge.Emulators.GitLab.Webhooks;

/// <summary>
/// The bodies of <c>Pipeline Hook</c> and <c>Job Hook</c> deliveries, shaped after GitLab's webhook documentation:
/// pipeline deliveries write times as <c>2016-08-12 15:23:28 UTC</c>, job deliveries as ISO 8601; a job delivery's
/// <c>commit.id</c> is its pipeline's id.
/// </summary>
internal static class HookPayloads
{
    public static byte[] Pipeline(GitLabPipeline pipeline, GitLabProject project, RenderContext render) => JsonText.Write(w =>
    {
        var projectUrl = render.ProjectUrl(project.Id);
        var jobs = pipeline.LatestJobs;
        w.WriteStartObject();
        w.WriteString("object_kind", "pipeline");
        w.WriteStartObject("object_attributes");
        w.WriteNumber("id", pipeline.Id);
        w.WriteNumber("iid", pipeline.Iid);
        w.StringOrNull("name", pipeline.Name);
        w.WriteString("ref", pipeline.Ref);
        w.WriteBoolean("tag", pipeline.Tag);
        w.WriteString("sha", pipeline.Sha);
        w.WriteString("before_sha", pipeline.BeforeSha);
        w.WriteString("source", pipeline.Source);
        w.WriteString("status", pipeline.Status);
        w.WriteString("detailed_status", pipeline.Status switch
        {
            GitLabStatus.Success => "passed",
            GitLabStatus.Manual => "blocked",
            var other => other,
        });
        w.WriteStartArray("stages");
        foreach (var stage in jobs.Select(job => job.Stage).Distinct(StringComparer.Ordinal))
        {
            w.WriteStringValue(stage);
        }

        w.WriteEndArray();
        w.Time("created_at", pipeline.CreatedAt, JsonText.Spaced);
        w.Time("finished_at", pipeline.FinishedAt, JsonText.Spaced);
        w.Seconds("duration", pipeline.StartedAt, pipeline.FinishedAt);
        w.Seconds("queued_duration", pipeline.CreatedAt, pipeline.StartedAt);
        w.WriteStartArray("variables");
        foreach (var variable in pipeline.Variables)
        {
            w.WriteStartObject();
            w.WriteString("key", variable.Key);
            w.WriteString("value", variable.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("url", $"{projectUrl}/-/pipelines/{pipeline.Id}");
        w.WriteEndObject();
        w.WriteNull("merge_request");
        w.WritePropertyName("user");
        User(w, render.UserOrGhost(pipeline.Username));
        w.WritePropertyName("project");
        Project(w, project, projectUrl);
        w.WriteStartObject("commit");
        w.WriteString("id", pipeline.Commit.Id);
        w.WriteString("message", pipeline.Commit.Message);
        w.WriteString("title", pipeline.Commit.Title);
        w.WriteString("timestamp", pipeline.Commit.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("url", $"{projectUrl}/-/commit/{pipeline.Commit.Id}");
        w.WriteStartObject("author");
        w.WriteString("name", pipeline.Commit.AuthorName);
        w.WriteString("email", pipeline.Commit.AuthorEmail);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("builds");
        foreach (var job in jobs.OrderByDescending(job => job.Id))
        {
            w.WriteStartObject();
            w.WriteNumber("id", job.Id);
            w.WriteString("stage", job.Stage);
            w.WriteString("name", job.Name);
            w.WriteString("status", job.Status);
            w.Time("created_at", job.CreatedAt, JsonText.Spaced);
            w.Time("started_at", job.StartedAt, JsonText.Spaced);
            w.Time("finished_at", job.FinishedAt, JsonText.Spaced);
            w.Seconds("duration", job.StartedAt, job.FinishedAt);
            w.Seconds("queued_duration", job.CreatedAt, job.StartedAt);
            w.StringOrNull("failure_reason", job.FailureReason);
            w.WriteString("when", job.Manual ? "manual" : "on_success");
            w.WriteBoolean("manual", job.Manual);
            w.WriteBoolean("allow_failure", job.AllowFailure);
            w.WritePropertyName("user");
            User(w, render.UserOrGhost(job.Username));
            Runner(w, job.Runner);
            w.WriteStartObject("artifacts_file");
            w.WriteNull("filename");
            w.WriteNull("size");
            w.WriteEndObject();
            w.WriteNull("environment");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] Job(GitLabJob job, GitLabPipeline pipeline, GitLabProject project, RenderContext render) => JsonText.Write(w =>
    {
        var projectUrl = render.ProjectUrl(project.Id);
        var user = render.UserOrGhost(job.Username);
        w.WriteStartObject();
        w.WriteString("object_kind", "build");
        w.WriteString("ref", pipeline.Ref);
        w.WriteBoolean("tag", pipeline.Tag);
        w.WriteString("before_sha", pipeline.BeforeSha);
        w.WriteString("sha", pipeline.Sha);
        w.WriteNumber("build_id", job.Id);
        w.WriteString("build_name", job.Name);
        w.WriteString("build_stage", job.Stage);
        w.WriteString("build_status", job.Status);
        w.Time("build_created_at", job.CreatedAt);
        w.Time("build_created_at_iso", job.CreatedAt, Whole);
        w.Time("build_started_at", job.StartedAt);
        w.Time("build_started_at_iso", job.StartedAt, Whole);
        w.Time("build_finished_at", job.FinishedAt);
        w.Time("build_finished_at_iso", job.FinishedAt, Whole);
        w.Seconds("build_duration", job.StartedAt, job.FinishedAt);
        w.Seconds("build_queued_duration", job.CreatedAt, job.StartedAt ?? job.FinishedAt);
        w.WriteBoolean("build_allow_failure", job.AllowFailure);
        w.StringOrNull("build_failure_reason", job.FailureReason);
        w.WriteNumber("retries_count", pipeline.Jobs.Count(other => other.Name == job.Name && other.Id < job.Id));
        w.WriteNumber("pipeline_id", pipeline.Id);
        w.WriteNumber("project_id", project.Id);
        w.WriteString("project_name", $"{project.NamespacePath} / {project.Name}");
        w.WriteStartObject("user");
        w.WriteNumber("id", user.Id);
        w.WriteString("name", user.Name);
        w.WriteString("username", user.Username);
        w.WriteString("email", user.Email);
        w.WriteEndObject();
        w.WriteStartObject("commit");
        w.WriteNumber("id", pipeline.Id);
        w.StringOrNull("name", pipeline.Name);
        w.WriteString("sha", pipeline.Sha);
        w.WriteString("message", pipeline.Commit.Message);
        w.WriteString("author_name", pipeline.Commit.AuthorName);
        w.WriteString("author_email", pipeline.Commit.AuthorEmail);
        w.WriteString("status", pipeline.Status);
        w.Seconds("duration", pipeline.StartedAt, pipeline.FinishedAt);
        w.Time("started_at", pipeline.StartedAt);
        w.Time("finished_at", pipeline.FinishedAt);
        w.WriteEndObject();
        w.WritePropertyName("project");
        Project(w, project, projectUrl);
        Runner(w, job.Runner);
        w.WriteNull("environment");
        w.WriteEndObject();
    });

    private static string Whole(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static void User(Utf8JsonWriter w, GitLabUser user)
    {
        w.WriteStartObject();
        w.WriteNumber("id", user.Id);
        w.WriteString("name", user.Name);
        w.WriteString("username", user.Username);
        w.WriteString("avatar_url", $"https://www.gravatar.com/avatar/{State.GitLabState.GitId(user.Email)[..32]}?s=80&d=identicon");
        w.WriteString("email", user.Email);
        w.WriteEndObject();
    }

    private static void Project(Utf8JsonWriter w, GitLabProject project, string projectUrl)
    {
        var host = new Uri(projectUrl).Authority;
        w.WriteStartObject();
        w.WriteNumber("id", project.Id);
        w.WriteString("name", project.Name);
        w.StringOrNull("description", project.Description);
        w.WriteString("web_url", projectUrl);
        w.WriteNull("avatar_url");
        w.WriteString("git_ssh_url", $"git@{host}:{project.PathWithNamespace}.git");
        w.WriteString("git_http_url", projectUrl + ".git");
        w.WriteString("namespace", project.NamespacePath);
        w.WriteNumber("visibility_level", 0);
        w.WriteString("path_with_namespace", project.PathWithNamespace);
        w.WriteString("default_branch", project.DefaultBranch);
        w.WriteString("ci_config_path", project.CiConfigPath ?? "");
        w.WriteEndObject();
    }

    private static void Runner(Utf8JsonWriter w, string? runner)
    {
        if (runner is null)
        {
            w.WriteNull("runner");
            return;
        }

        w.WriteStartObject("runner");
        w.WriteNumber("id", 12_270_001);
        w.WriteString("description", runner);
        w.WriteBoolean("active", true);
        w.WriteString("runner_type", "instance_type");
        w.WriteBoolean("is_shared", true);
        w.WriteStartArray("tags");
        w.WriteStringValue("docker");
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
