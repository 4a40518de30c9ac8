using System.Globalization;

namespace FlowForge.Providers.GitHub.Tests.Infrastructure;

/// <summary>Small GitHub-shaped JSON bodies for the fake server (field names as in the official schemas).</summary>
internal static class Payloads
{
    public static string Run(long id, long workflowId, string status = "completed", string? conclusion = "success", string sha = "abc123") =>
        $$"""
        {
          "id": {{id}}, "name": "CI", "run_number": {{id % 1000}}, "run_attempt": 1, "workflow_id": {{workflowId}},
          "head_branch": "main", "head_sha": "{{sha}}", "event": "push", "display_title": "Run {{id}}",
          "status": "{{status}}", "conclusion": {{Quote(conclusion)}},
          "html_url": "https://github.com/acme/app/actions/runs/{{id}}",
          "created_at": "2025-05-01T10:00:00Z", "updated_at": "2025-05-01T10:05:00Z", "run_started_at": "2025-05-01T10:00:30Z",
          "actor": { "login": "octocat" }, "triggering_actor": { "login": "hubot" },
          "head_commit": { "id": "{{sha}}", "message": "Fix the build", "author": { "name": "Octo Cat", "email": "octo@example.com" } }
        }
        """;

    public static string Runs(params string[] runs) =>
        $$"""{ "total_count": {{runs.Length}}, "workflow_runs": [{{string.Join(",", runs)}}] }""";

    public static string Workflow(long id, string name) =>
        $$"""
        { "id": {{id}}, "node_id": "W{{id}}", "name": "{{name}}", "path": ".github/workflows/{{name.ToLowerInvariant()}}.yml", "state": "active",
          "html_url": "https://github.com/acme/app/blob/main/.github/workflows/{{name.ToLowerInvariant()}}.yml" }
        """;

    public static string Workflows(params string[] workflows) =>
        $$"""{ "total_count": {{workflows.Length}}, "workflows": [{{string.Join(",", workflows)}}] }""";

    public static string Job(long id, string status = "completed", string? conclusion = "success") =>
        $$"""
        { "id": {{id}}, "run_id": 1, "name": "job-{{id}}", "status": "{{status}}", "conclusion": {{Quote(conclusion)}},
          "started_at": "2025-05-01T10:01:00Z", "completed_at": null, "html_url": "https://github.com/acme/app/actions/runs/1/job/{{id}}",
          "runner_name": "runner-1",
          "steps": [ { "name": "Checkout", "status": "completed", "conclusion": "success", "number": 1,
                       "started_at": "2025-05-01T10:01:00Z", "completed_at": "2025-05-01T10:01:05Z" } ] }
        """;

    public static string Jobs(params string[] jobs) =>
        $$"""{ "total_count": {{jobs.Length}}, "jobs": [{{string.Join(",", jobs)}}] }""";

    public static string Repository(string fullName, bool archived = false) =>
        $$"""
        { "id": {{Math.Abs(fullName.GetHashCode(StringComparison.Ordinal))}}, "name": "{{fullName.Split('/')[1]}}", "full_name": "{{fullName}}",
          "owner": { "login": "{{fullName.Split('/')[0]}}" }, "description": "Repository {{fullName}}", "default_branch": "main",
          "html_url": "https://github.com/{{fullName}}", "archived": {{(archived ? "true" : "false")}} }
        """;

    public static string Array(params string[] items) => $"[{string.Join(",", items)}]";

    public static string Error(string message) =>
        $$"""{ "message": "{{message}}", "documentation_url": "https://docs.github.com/rest" }""";

    private static string Quote(string? value) => value is null ? "null" : string.Create(CultureInfo.InvariantCulture, $"\"{value}\"");
}
