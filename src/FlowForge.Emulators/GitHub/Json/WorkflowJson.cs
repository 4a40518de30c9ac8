using System.Text.Json;

namespace FlowForge.Emulators.GitHub.Json;

internal static class WorkflowJson
{
    public static void Write(Utf8JsonWriter w, EmulatedWorkflow workflow, string defaultBranch, RenderContext context)
    {
        var urls = context.Urls;
        var html = urls.Html(workflow.RepositoryFullName);
        w.WriteStartObject();
        w.WriteNumber("id", workflow.Id);
        w.WriteString("node_id", JsonFormat.NodeId("Workflow", workflow.Id));
        w.WriteString("name", workflow.Name);
        w.WriteString("path", workflow.Path);
        w.WriteString("state", workflow.State);
        w.WriteTime("created_at", workflow.CreatedAt);
        w.WriteTime("updated_at", workflow.UpdatedAt);
        w.WriteString("url", urls.Repository(workflow.RepositoryFullName) + $"/actions/workflows/{workflow.Id}");
        w.WriteString("html_url", $"{html}/blob/{defaultBranch}/{workflow.Path}");
        w.WriteString("badge_url", $"{html}/workflows/{Uri.EscapeDataString(workflow.Name)}/badge.svg");
        w.WriteEndObject();
    }
}
