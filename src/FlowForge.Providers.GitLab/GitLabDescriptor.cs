using FlowForge.Abstractions.Providers;

namespace FlowForge.Providers.GitLab;

/// <summary>What the GitLab CI provider is, as data: its fields, capabilities and the permissions each feature needs.</summary>
internal static class GitLabDescriptor
{
    public const string BaseUrlField = ProviderFields.BaseUrlKey;
    public const string TokenField = ProviderFields.TokenKey;
    public const string TokenTypeField = "tokenType";
    public const string GroupsField = "groups";
    public const string RefsField = "refs";
    public const string WebhookSecretField = ProviderFields.WebhookSecretKey;
    public const string DefaultBaseUrl = "https://gitlab.com/api/v4";

    /// <summary><see cref="TokenTypeField"/>: an access token sent as <c>PRIVATE-TOKEN</c>.</summary>
    public const string AccessToken = "access-token";

    /// <summary><see cref="TokenTypeField"/>: an OAuth 2 token sent as <c>Authorization: Bearer</c>.</summary>
    public const string OAuthToken = "oauth";

    public static ProviderDescriptor Descriptor { get; } = new(
        GitLabPlugin.Kind,
        "GitLab CI",
        "Pipelines, jobs and job logs of GitLab CI/CD projects on gitlab.com or a self-managed GitLab; start pipelines with "
            + "their inputs and variables, retry, play manual jobs and cancel.",
        [
            ProviderFields.ApiBaseUrl(
                DefaultBaseUrl,
                "The GitLab REST API root. Leave the default for gitlab.com; for a self-managed GitLab use https://HOST/api/v4."),
            ProviderFields.Token(
                "Token",
                "A personal, group or project access token with the read_api scope to watch pipelines, or the api scope "
                    + "to also start, retry, play and cancel them; or an OAuth token (see Token type)."),
            new ConfigField(
                TokenTypeField,
                "Token type",
                ConfigFieldType.Choice,
                Required: false,
                Description: "access-token: sent as PRIVATE-TOKEN (personal, group and project access tokens). oauth: an OAuth 2 "
                    + "access token, sent as Authorization: Bearer.",
                DefaultValue: AccessToken,
                Options: [AccessToken, OAuthToken]),
            new ConfigField(
                GroupsField,
                "Groups",
                ConfigFieldType.Text,
                Required: false,
                Description: "Comma-separated group paths to limit discovery to, each with its subgroups (for example: acme, "
                    + "tools/ci). Empty: every project the token's user is a member of.",
                Pattern: @"[A-Za-z0-9_.\-/, ]*"),
            new ConfigField(
                RefsField,
                "Branches and tags",
                ConfigFieldType.Text,
                Required: false,
                Description: "Comma-separated branches or tags whose pipelines are shown; * matches anything (for example: main, "
                    + "release/*). Empty: pipelines of every ref.",
                Pattern: @"[^\s,][^,]*(,\s*[^\s,][^,]*)*"),
            ProviderFields.WebhookSecret(
                "Webhook secret",
                "The secret token of a GitLab project or group webhook that sends 'Pipeline events' and 'Job events' "
                    + "to /hooks/{instance id} on this server; runs then update as soon as GitLab reports them. Empty: "
                    + "deliveries are refused and polling alone keeps runs fresh."),
        ],
        ProviderCapabilitySets.ReadPath | ProviderCapabilities.Webhooks | ProviderCapabilitySets.RunControl | ProviderCapabilities.Unblock,
        [
            new PermissionRequirement(
                "read_api (token scope)",
                "Lists projects and reads their pipelines, jobs, job logs and CI files. Every request counts against GitLab's "
                    + "rate limit: GitLab has no free conditional requests."),
            new PermissionRequirement(
                "api (token scope)",
                "Starts pipelines with inputs and variables, retries pipelines and jobs, plays manual jobs and cancels pipelines."),
            new PermissionRequirement(
                "Reporter role (project)",
                "Reads job logs and the CI file (parameter discovery) of private projects; Guest suffices where the project's "
                    + "pipelines are public."),
            new PermissionRequirement(
                "Developer role (project)",
                "Starts, retries and cancels pipelines and plays manual jobs (protected branches and environments may ask more)."),
            new PermissionRequirement(
                "Maintainer role (project or group)",
                "Creates the webhook that sends pipeline and job events. Receiving deliveries needs no token permission: each "
                    + "is checked against the webhook secret."),
        ]);
}
