using System.Text.Json;
using FlowForge.Emulators.GitHub.State;

namespace FlowForge.Emulators.GitHub.Json;

/// <summary>
/// Repositories at the three depths GitHub uses: compact (inside a run), standard (repository lists) and full
/// (<c>GET /repos/{owner}/{repo}</c>, adding organization and, for forks, parent and source).
/// </summary>
internal static class RepositoryJson
{
    private static readonly (string Name, string Suffix)[] UrlTemplates =
    [
        ("archive_url", "/{archive_format}{/ref}"),
        ("assignees_url", "/assignees{/user}"),
        ("blobs_url", "/git/blobs{/sha}"),
        ("branches_url", "/branches{/branch}"),
        ("collaborators_url", "/collaborators{/collaborator}"),
        ("comments_url", "/comments{/number}"),
        ("commits_url", "/commits{/sha}"),
        ("compare_url", "/compare/{base}...{head}"),
        ("contents_url", "/contents/{+path}"),
        ("contributors_url", "/contributors"),
        ("deployments_url", "/deployments"),
        ("downloads_url", "/downloads"),
        ("events_url", "/events"),
        ("forks_url", "/forks"),
        ("git_commits_url", "/git/commits{/sha}"),
        ("git_refs_url", "/git/refs{/sha}"),
        ("git_tags_url", "/git/tags{/sha}"),
        ("hooks_url", "/hooks"),
        ("issue_comment_url", "/issues/comments{/number}"),
        ("issue_events_url", "/issues/events{/number}"),
        ("issues_url", "/issues{/number}"),
        ("keys_url", "/keys{/key_id}"),
        ("labels_url", "/labels{/name}"),
        ("languages_url", "/languages"),
        ("merges_url", "/merges"),
        ("milestones_url", "/milestones{/number}"),
        ("notifications_url", "/notifications{?since,all,participating}"),
        ("pulls_url", "/pulls{/number}"),
        ("releases_url", "/releases{/id}"),
        ("stargazers_url", "/stargazers"),
        ("statuses_url", "/statuses/{sha}"),
        ("subscribers_url", "/subscribers"),
        ("subscription_url", "/subscription"),
        ("tags_url", "/tags"),
        ("teams_url", "/teams"),
        ("trees_url", "/git/trees{/sha}"),
    ];

    private static readonly string[] SecurityFeatures =
    [
        "advanced_security",
        "code_security",
        "dependabot_security_updates",
        "secret_scanning",
        "secret_scanning_push_protection",
        "secret_scanning_non_provider_patterns",
        "secret_scanning_ai_detection",
        "secret_scanning_delegated_alert_dismissal",
        "secret_scanning_delegated_bypass",
    ];

    public static void WriteCompact(Utf8JsonWriter w, RepositoryView view, RenderContext context)
    {
        w.WriteStartObject();
        WriteCompactProperties(w, view, context);
        w.WriteEndObject();
    }

    public static void WriteStandard(Utf8JsonWriter w, RepositoryView view, RenderContext context)
    {
        w.WriteStartObject();
        WriteCompactProperties(w, view, context);
        WriteStandardProperties(w, view, context);
        w.WriteEndObject();
    }

    public static void WriteFull(Utf8JsonWriter w, RepositoryView view, RenderContext context)
    {
        w.WriteStartObject();
        WriteCompactProperties(w, view, context);
        WriteStandardProperties(w, view, context);
        w.WriteBoolean("allow_update_branch", false);
        w.WriteBoolean("use_squash_pr_title_as_default", false);
        w.WriteString("squash_merge_commit_title", "COMMIT_OR_PR_TITLE");
        w.WriteString("squash_merge_commit_message", "COMMIT_MESSAGES");
        w.WriteString("merge_commit_title", "MERGE_MESSAGE");
        w.WriteString("merge_commit_message", "PR_TITLE");
        w.WriteStartObject("custom_properties");
        w.WriteEndObject();
        if (view.Owner.IsOrganization)
        {
            w.WritePropertyName("organization");
            AccountJson.WriteSimple(w, view.Owner, context);
        }

        if (view.Parent is { } parent && view.Source is { } source)
        {
            w.WritePropertyName("parent");
            WriteStandard(w, parent, context);
            w.WritePropertyName("source");
            WriteStandard(w, source, context);
        }

        w.WriteEndObject();
    }

    private static void WriteCompactProperties(Utf8JsonWriter w, RepositoryView view, RenderContext context)
    {
        var repository = view.Repository;
        var api = context.Urls.Repository(repository.FullName);
        w.WriteNumber("id", repository.Id);
        w.WriteString("node_id", JsonFormat.NodeId("Repository", repository.Id));
        w.WriteString("name", repository.Name);
        w.WriteString("full_name", repository.FullName);
        w.WritePropertyName("owner");
        AccountJson.WriteSimple(w, view.Owner, context);
        w.WriteBoolean("private", false);
        w.WriteString("html_url", context.Urls.Html(repository.FullName));
        w.WriteNullableString("description", repository.Description);
        w.WriteBoolean("fork", repository.IsFork);
        w.WriteString("url", api);
        foreach (var (name, suffix) in UrlTemplates)
        {
            w.WriteString(name, api + suffix);
        }

        w.WriteString("git_url", $"git://{context.Urls.Host}/{repository.FullName}.git");
        w.WriteString("ssh_url", $"git@{context.Urls.Host}:{repository.FullName}.git");
    }

    private static void WriteStandardProperties(Utf8JsonWriter w, RepositoryView view, RenderContext context)
    {
        var repository = view.Repository;
        var html = context.Urls.Html(repository.FullName);
        w.WriteString("clone_url", html + ".git");
        w.WriteNull("mirror_url");
        w.WriteString("svn_url", html);
        w.WriteNull("homepage");
        w.WriteNull("language");
        w.WriteNumber("forks_count", 0);
        w.WriteNumber("stargazers_count", 0);
        w.WriteNumber("watchers_count", 0);
        w.WriteNumber("size", 1024);
        w.WriteString("default_branch", repository.DefaultBranch);
        w.WriteNumber("open_issues_count", 0);
        w.WriteBoolean("is_template", false);
        w.WriteStartArray("topics");
        w.WriteEndArray();
        w.WriteBoolean("has_issues", true);
        w.WriteBoolean("has_projects", true);
        w.WriteBoolean("has_wiki", true);
        w.WriteBoolean("has_pages", false);
        w.WriteBoolean("has_downloads", true);
        w.WriteBoolean("has_discussions", false);
        w.WriteBoolean("archived", false);
        w.WriteBoolean("disabled", false);
        w.WriteString("visibility", "public");
        w.WriteTime("pushed_at", repository.PushedAt);
        w.WriteTime("created_at", repository.CreatedAt);
        w.WriteTime("updated_at", repository.UpdatedAt);
        w.WriteStartObject("permissions");
        w.WriteBoolean("admin", true);
        w.WriteBoolean("maintain", true);
        w.WriteBoolean("push", true);
        w.WriteBoolean("triage", true);
        w.WriteBoolean("pull", true);
        w.WriteEndObject();
        w.WriteBoolean("allow_rebase_merge", true);
        w.WriteNull("template_repository");
        w.WriteString("temp_clone_token", "");
        w.WriteBoolean("allow_squash_merge", true);
        w.WriteBoolean("allow_auto_merge", false);
        w.WriteBoolean("delete_branch_on_merge", false);
        w.WriteBoolean("allow_merge_commit", true);
        w.WriteBoolean("allow_forking", true);
        w.WriteBoolean("web_commit_signoff_required", false);
        w.WriteNumber("subscribers_count", 1);
        w.WriteNumber("network_count", 0);
        w.WriteStartObject("license");
        w.WriteString("key", "mit");
        w.WriteString("name", "MIT License");
        w.WriteString("spdx_id", "MIT");
        w.WriteString("url", context.Urls.Api("licenses/mit"));
        w.WriteString("node_id", "MDc6TGljZW5zZW1pdA==");
        w.WriteString("html_url", context.Urls.Html("licenses/mit"));
        w.WriteEndObject();
        w.WriteNumber("forks", 0);
        w.WriteNumber("open_issues", 0);
        w.WriteNumber("watchers", 0);
        w.WriteStartObject("security_and_analysis");
        foreach (var feature in SecurityFeatures)
        {
            w.WriteStartObject(feature);
            w.WriteString("status", "disabled");
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
