using System.Text.Json;
using FlowForge.Emulators.GitHub.Http;
using FlowForge.Emulators.GitHub.State;

namespace FlowForge.Emulators.GitHub.Json;

/// <summary>
/// Webhook payloads, shaped like GitHub's <c>webhook-workflow-run-*</c>, <c>webhook-workflow-job-*</c> and
/// <c>webhook-ping</c> schemas: the run and job objects are the ones the REST API returns.
/// </summary>
internal static class WebhookJson
{
    // GitHub's zen sayings, which the ping carries.
    private static readonly string[] Zen =
    [
        "Design for failure.",
        "Keep it logically awesome.",
        "Speak like a human.",
        "Practicality beats purity.",
        "Approachable is better than simple.",
        "Non-blocking is better than blocking.",
        "Favor focus over features.",
        "Responsive is better than fast.",
        "Encourage flow.",
        "Half measures are as bad as nothing at all.",
    ];

    public static byte[] WorkflowRun(string action, EmulatedRun run, RenderContext context) =>
        JsonBody.Write(w =>
        {
            var repository = context.Repository(run.RepositoryId);
            var workflow = context.State.Workflow(run.WorkflowId)
                ?? new EmulatedWorkflow(run.WorkflowId, run.RepositoryId, run.RepositoryFullName, run.WorkflowName, run.WorkflowPath, "deleted", run.CreatedAt, run.CreatedAt, "");
            w.WriteStartObject();
            w.WriteString("action", action);
            w.WritePropertyName("workflow_run");
            RunJson.Write(w, run, context);
            w.WritePropertyName("workflow");
            WorkflowJson.Write(w, workflow, repository.Repository.DefaultBranch, context);
            WriteContext(w, repository, context.Account(run.TriggeringActor), context);
            w.WriteEndObject();
        });

    public static byte[] WorkflowJob(string action, EmulatedJob job, EmulatedRun run, RenderContext context) =>
        JsonBody.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("action", action);
            w.WritePropertyName("workflow_job");
            JobJson.Write(w, job, run, context);
            WriteContext(w, context.Repository(run.RepositoryId), context.Account(run.TriggeringActor), context);
            w.WriteEndObject();
        });

    public static byte[] Ping(HookInfo hook, RenderContext context) =>
        JsonBody.Write(w =>
        {
            var repository = hook.RepositoryId is { } id ? context.Repository(id) : null;
            var hookApi = repository is null
                ? context.Urls.Api($"hooks/{hook.Id}")
                : context.Urls.Repository(repository.Repository.FullName) + $"/hooks/{hook.Id}";
            w.WriteStartObject();
            w.WriteString("zen", Zen[(int)(hook.Id % Zen.Length)]);
            w.WriteNumber("hook_id", hook.Id);
            w.WriteStartObject("hook");
            w.WriteString("type", "Repository");
            w.WriteNumber("id", hook.Id);
            w.WriteString("name", "web");
            w.WriteBoolean("active", true);
            w.WriteStartArray("events");
            foreach (var name in hook.Events)
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
            w.WriteStartObject("config");
            w.WriteString("content_type", "json");
            w.WriteString("insecure_ssl", "0");
            if (hook.HasSecret)
            {
                w.WriteString("secret", "********");
            }

            w.WriteString("url", hook.Url.AbsoluteUri);
            w.WriteEndObject();
            w.WriteTime("updated_at", hook.CreatedAt);
            w.WriteTime("created_at", hook.CreatedAt);
            w.WriteString("url", hookApi);
            w.WriteString("test_url", hookApi + "/test");
            w.WriteString("ping_url", hookApi + "/pings");
            w.WriteString("deliveries_url", hookApi + "/deliveries");
            w.WriteStartObject("last_response");
            w.WriteNull("code");
            w.WriteString("status", "unused");
            w.WriteNull("message");
            w.WriteEndObject();
            w.WriteEndObject();
            var sender = context.State.FirstUser();
            if (repository is not null && sender is not null)
            {
                WriteContext(w, repository, sender, context);
            }
            else if (sender is not null)
            {
                w.WritePropertyName("sender");
                AccountJson.WriteSimple(w, sender, context);
            }

            w.WriteEndObject();
        });

    /// <summary><c>repository</c>, <c>organization</c> (for an organization's repository) and <c>sender</c>.</summary>
    private static void WriteContext(Utf8JsonWriter w, RepositoryView repository, EmulatedAccount sender, RenderContext context)
    {
        w.WritePropertyName("repository");
        RepositoryJson.WriteStandard(w, repository, context);
        if (repository.Owner.IsOrganization)
        {
            WriteOrganization(w, repository.Owner, context);
        }

        w.WritePropertyName("sender");
        AccountJson.WriteSimple(w, sender, context);
    }

    /// <summary>organization-simple-webhooks.</summary>
    private static void WriteOrganization(Utf8JsonWriter w, EmulatedAccount organization, RenderContext context)
    {
        var api = context.Urls.Api("orgs/" + organization.Login);
        w.WriteStartObject("organization");
        w.WriteString("login", organization.Login);
        w.WriteNumber("id", organization.Id);
        w.WriteString("node_id", JsonFormat.NodeId(organization.Type, organization.Id));
        w.WriteString("url", api);
        w.WriteString("repos_url", api + "/repos");
        w.WriteString("events_url", api + "/events");
        w.WriteString("hooks_url", api + "/hooks");
        w.WriteString("issues_url", api + "/issues");
        w.WriteString("members_url", api + "/members{/member}");
        w.WriteString("public_members_url", api + "/public_members{/member}");
        w.WriteString("avatar_url", context.Urls.Html($"avatars/u/{organization.Id}?v=4"));
        w.WriteNull("description");
        w.WriteEndObject();
    }
}

/// <summary>What a ping tells about its hook.</summary>
internal sealed record HookInfo(long Id, Uri Url, IReadOnlyList<string> Events, long? RepositoryId, bool HasSecret, DateTimeOffset CreatedAt);
