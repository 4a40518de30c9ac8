using System.Text.Json;

namespace FlowForge.Emulators.GitHub.Json;

/// <summary>simple-user (owners, actors) and private-user (<c>GET /user</c>).</summary>
internal static class AccountJson
{
    public static void WriteSimple(Utf8JsonWriter w, EmulatedAccount account, RenderContext context)
    {
        w.WriteStartObject();
        WriteSimpleProperties(w, account, context, "public");
        w.WriteEndObject();
    }

    public static void WritePrivate(Utf8JsonWriter w, EmulatedAccount user, int ownedRepositories, RenderContext context)
    {
        w.WriteStartObject();
        WriteSimpleProperties(w, user, context, "private");
        w.WriteString("name", user.Login);
        w.WriteString("company", "FlowForge");
        w.WriteString("blog", "");
        w.WriteString("location", "127.0.0.1");
        w.WriteString("email", $"{user.Login}@users.noreply.github.example");
        w.WriteBoolean("hireable", false);
        w.WriteString("bio", "An emulated GitHub user.");
        w.WriteNull("twitter_username");
        w.WriteNull("notification_email");
        w.WriteNumber("public_repos", ownedRepositories);
        w.WriteNumber("public_gists", 0);
        w.WriteNumber("followers", 0);
        w.WriteNumber("following", 0);
        w.WriteTime("created_at", user.CreatedAt);
        w.WriteTime("updated_at", user.CreatedAt);
        w.WriteNumber("private_gists", 0);
        w.WriteNumber("total_private_repos", 0);
        w.WriteNumber("owned_private_repos", 0);
        w.WriteNumber("disk_usage", 0);
        w.WriteNumber("collaborators", 0);
        w.WriteBoolean("two_factor_authentication", true);
        w.WriteStartObject("plan");
        w.WriteString("name", "pro");
        w.WriteNumber("space", 976562499);
        w.WriteNumber("private_repos", 9999);
        w.WriteNumber("collaborators", 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteSimpleProperties(Utf8JsonWriter w, EmulatedAccount account, RenderContext context, string viewType)
    {
        var urls = context.Urls;
        var api = urls.User(account.Login);
        w.WriteString("login", account.Login);
        w.WriteNumber("id", account.Id);
        w.WriteString("node_id", JsonFormat.NodeId(account.Type, account.Id));
        w.WriteString("avatar_url", urls.Html($"avatars/u/{account.Id}?v=4"));
        w.WriteString("gravatar_id", "");
        w.WriteString("url", api);
        w.WriteString("html_url", urls.Html(account.Login));
        w.WriteString("followers_url", api + "/followers");
        w.WriteString("following_url", api + "/following{/other_user}");
        w.WriteString("gists_url", api + "/gists{/gist_id}");
        w.WriteString("starred_url", api + "/starred{/owner}{/repo}");
        w.WriteString("subscriptions_url", api + "/subscriptions");
        w.WriteString("organizations_url", api + "/orgs");
        w.WriteString("repos_url", api + "/repos");
        w.WriteString("events_url", api + "/events{/privacy}");
        w.WriteString("received_events_url", api + "/received_events");
        w.WriteString("type", account.Type);
        w.WriteString("user_view_type", viewType);
        w.WriteBoolean("site_admin", false);
    }
}
