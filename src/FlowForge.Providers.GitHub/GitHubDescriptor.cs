using FlowForge.Abstractions.Providers;

namespace FlowForge.Providers.GitHub;

/// <summary>What the GitHub Actions provider is, as data: its fields, capabilities and the permissions each feature needs.</summary>
internal static class GitHubDescriptor
{
    public const string BaseUrlField = ProviderFields.BaseUrlKey;
    public const string TokenField = ProviderFields.TokenKey;
    public const string OwnersField = "owners";
    public const string WebhookSecretField = ProviderFields.WebhookSecretKey;
    public const string DefaultBaseUrl = "https://api.github.com";

    public static ProviderDescriptor Descriptor { get; } = new(
        GitHubPlugin.Kind,
        "GitHub Actions",
        "Workflows, runs, jobs and logs of GitHub Actions on github.com or GitHub Enterprise Server; start, re-run and cancel runs.",
        [
            ProviderFields.ApiBaseUrl(
                DefaultBaseUrl,
                "The GitHub REST API root. Leave the default for github.com; for GitHub Enterprise Server use https://HOST/api/v3."),
            ProviderFields.Token(
                "Token",
                "A personal access token: classic with the 'repo' and 'workflow' scopes, or fine-grained with "
                    + "Actions (read, or read and write to start, re-run and cancel runs), Contents (read) and Metadata (read) "
                    + "on the repositories to watch."),
            new ConfigField(
                OwnersField,
                "Owners",
                ConfigFieldType.Text,
                Required: false,
                Description: "Comma-separated users or organizations to limit discovery to (for example: acme, octocat). "
                    + "Empty: every repository the token can see.",
                Pattern: @"[A-Za-z0-9_, -]*"),
            ProviderFields.WebhookSecret(
                "Webhook secret",
                "The secret of a GitHub webhook that posts the 'Workflow runs' and 'Workflow jobs' events to "
                    + "/hooks/{instance id} on this server; runs then update as soon as GitHub reports them. "
                    + "Empty: deliveries are refused and polling alone keeps runs fresh."),
        ],
        ProviderCapabilitySets.ReadPath | ProviderCapabilities.ConditionalRequests | ProviderCapabilities.Webhooks | ProviderCapabilitySets.RunControl,
        [
            new PermissionRequirement(
                "repo (classic token)",
                "Lists private repositories and reads their workflows, runs, jobs, job logs and workflow files; starts, re-runs "
                    + "and cancels their runs. Reading public repositories needs no scope; starting, re-running and cancelling runs "
                    + "needs 'repo' on them too."),
            new PermissionRequirement(
                "Metadata: read (fine-grained token)",
                "Lists the repositories the token can access (discovery); always granted to a fine-grained token."),
            new PermissionRequirement(
                "Actions: read (fine-grained token)",
                "Reads workflows, runs, jobs and job logs."),
            new PermissionRequirement(
                "Actions: read and write (fine-grained token)",
                "Starts workflows (workflow_dispatch), re-runs runs, failed jobs or one job, and cancels or force-cancels runs."),
            new PermissionRequirement(
                "Contents: read (fine-grained token)",
                "Reads workflow files at a branch or tag, which trigger-parameter discovery needs."),
            new PermissionRequirement(
                "admin:repo_hook (classic token) or Webhooks: read and write (fine-grained token)",
                "Creates the repository webhook that sends workflow run and job events. Receiving deliveries needs no token "
                    + "permission: each is verified with the webhook secret."),
        ]);
}
