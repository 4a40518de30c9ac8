using FlowForge.Abstractions.Providers;

namespace FlowForge.Providers.Buildkite;

/// <summary>What the Buildkite provider is, as data: its fields, capabilities and the token scopes each feature needs.</summary>
internal static class BuildkiteDescriptor
{
    public const string BaseUrlField = ProviderFields.BaseUrlKey;
    public const string TokenField = ProviderFields.TokenKey;
    public const string OrganizationField = "organization";
    public const string WebhookSecretField = ProviderFields.WebhookSecretKey;
    public const string DefaultBaseUrl = "https://api.buildkite.com/v2";

    /// <summary>Buildkite organization slugs: lower-case letters, digits and dashes.</summary>
    public const string SlugPattern = "[a-z0-9][a-z0-9-]*";

    public static ProviderDescriptor Descriptor { get; } = new(
        BuildkitePlugin.Kind,
        "Buildkite",
        "Pipelines, builds, jobs (block and wait steps included) and job logs of one Buildkite organization; start builds "
            + "with a branch, commit, message and environment, rebuild, retry failed jobs and cancel.",
        [
            ProviderFields.ApiBaseUrl(
                DefaultBaseUrl,
                "The Buildkite REST API root, version included. Leave the default unless you go through a proxy."),
            ProviderFields.Token(
                "API access token",
                "A Buildkite API access token with access to the organization and the scopes read_pipelines, "
                    + "read_builds and read_build_logs (and write_builds to start, rebuild, retry and cancel builds)."),
            new ConfigField(
                OrganizationField,
                "Organization",
                ConfigFieldType.Text,
                Required: true,
                Description: "The organization's slug, as in https://buildkite.com/{slug}.",
                Pattern: SlugPattern),
            ProviderFields.WebhookSecret(
                "Webhook token",
                "The token of a Buildkite webhook notification service (Settings > Notification Services) that "
                    + "posts build and job events to /hooks/{instance id} on this server; choose 'X-Buildkite-Signature' to have "
                    + "deliveries signed. Empty: deliveries are refused and polling alone keeps builds fresh."),
        ],
        ProviderCapabilitySets.ReadPath | ProviderCapabilities.Webhooks | ProviderCapabilitySets.RunControl | ProviderCapabilities.Unblock,
        [
            new PermissionRequirement(
                "Organization access",
                "The token must be allowed to access the organization; without it every request answers 404 or 403."),
            new PermissionRequirement("read_pipelines", "Lists the organization's pipelines (discovery) and reads a pipeline's environment for trigger parameters."),
            new PermissionRequirement("read_builds", "Reads builds with their jobs, block and wait steps."),
            new PermissionRequirement("read_build_logs", "Reads job logs."),
            new PermissionRequirement("write_builds", "Starts builds, rebuilds, retries failed jobs or one job, unblocks block steps and cancels builds."),
            new PermissionRequirement(
                "Webhook notification service (organization setting)",
                "Sends build and job events; receiving them needs no token scope: each delivery is verified with the webhook token."),
        ]);
}
