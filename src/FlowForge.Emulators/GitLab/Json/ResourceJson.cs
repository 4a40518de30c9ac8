using System.Text.Json;

namespace FlowForge.Emulators.GitLab.Json;

/// <summary>Users, groups and projects as the REST API renders them.</summary>
internal static class ResourceJson
{
    public static void User(Utf8JsonWriter w, GitLabUser user, Uri web)
    {
        w.WriteStartObject();
        w.WriteNumber("id", user.Id);
        w.WriteString("username", user.Username);
        w.WriteString("name", user.Name);
        w.WriteString("state", "active");
        w.WriteBoolean("locked", false);
        w.WriteString("avatar_url", $"https://www.gravatar.com/avatar/{State.GitLabState.GitId(user.Email)[..32]}?s=80&d=identicon");
        w.WriteString("web_url", new Uri(web, user.Username).AbsoluteUri);
        w.WriteEndObject();
    }

    /// <param name="simple">Only the fields of <c>simple=true</c> (no archive flag, no CI settings).</param>
    public static void Project(Utf8JsonWriter w, GitLabProject project, GitLabGroup? group, Uri web, bool simple)
    {
        var url = new Uri(web, project.PathWithNamespace).AbsoluteUri;
        w.WriteStartObject();
        w.WriteNumber("id", project.Id);
        w.StringOrNull("description", project.Description);
        w.WriteString("name", project.Name);
        w.WriteString("name_with_namespace", $"{group?.Name ?? project.NamespacePath} / {project.Name}");
        w.WriteString("path", project.Path);
        w.WriteString("path_with_namespace", project.PathWithNamespace);
        w.Time("created_at", project.CreatedAt);
        w.WriteString("default_branch", project.DefaultBranch);
        w.WriteStartArray("tag_list");
        w.WriteEndArray();
        w.WriteStartArray("topics");
        w.WriteEndArray();
        w.WriteString("ssh_url_to_repo", $"git@{web.Host}:{project.PathWithNamespace}.git");
        w.WriteString("http_url_to_repo", url + ".git");
        w.WriteString("web_url", url);
        w.WriteString("readme_url", $"{url}/-/blob/{project.DefaultBranch}/README.md");
        w.WriteNull("avatar_url");
        w.WriteNumber("forks_count", 0);
        w.WriteNumber("star_count", 0);
        w.Time("last_activity_at", project.LastActivityAt);
        w.WriteStartObject("namespace");
        w.WriteNumber("id", group?.Id ?? 0);
        w.WriteString("name", group?.Name ?? project.NamespacePath);
        w.WriteString("path", group?.Path ?? project.NamespacePath);
        w.WriteString("kind", group is null ? "user" : "group");
        w.WriteString("full_path", project.NamespacePath);
        if (group?.ParentId is { } parent)
        {
            w.WriteNumber("parent_id", parent);
        }
        else
        {
            w.WriteNull("parent_id");
        }

        w.WriteString("web_url", new Uri(web, group is null ? project.NamespacePath : "groups/" + project.NamespacePath).AbsoluteUri);
        w.WriteEndObject();
        if (!simple)
        {
            w.WriteString("visibility", "private");
            w.WriteBoolean("archived", project.Archived);
            w.WriteBoolean("jobs_enabled", project.JobsEnabled);
            w.WriteString("builds_access_level", project.JobsEnabled ? "enabled" : "disabled");
            w.WriteString("ci_config_path", project.CiConfigPath ?? "");
            w.WriteBoolean("issues_enabled", true);
            w.WriteBoolean("merge_requests_enabled", true);
            w.WriteBoolean("shared_runners_enabled", true);
            w.WriteNumber("ci_default_git_depth", 20);
            w.WriteBoolean("public_jobs", true);
            w.WriteStartObject("_links");
            w.WriteString("self", new Uri(web, $"api/v4/projects/{project.Id}").AbsoluteUri);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
