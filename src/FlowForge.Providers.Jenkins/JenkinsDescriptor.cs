using FlowForge.Abstractions.Providers;

namespace FlowForge.Providers.Jenkins;

/// <summary>What the Jenkins provider is, as data: its fields, capabilities and the permissions each feature needs.</summary>
internal static class JenkinsDescriptor
{
    public const string BaseUrlField = ProviderFields.BaseUrlKey;
    public const string UsernameField = "username";
    public const string TokenField = ProviderFields.TokenKey;
    public const string FoldersField = "folders";

    public static ProviderDescriptor Descriptor { get; } = new(
        JenkinsPlugin.Kind,
        "Jenkins",
        "Jobs in folders and multibranch projects, their builds, Pipeline stages and steps and console logs on a Jenkins "
            + "controller; start builds with parameters, rebuild and stop them.",
        [
            new ConfigField(
                BaseUrlField,
                "Jenkins URL",
                ConfigFieldType.Url,
                Required: true,
                Description: "The address of the Jenkins controller, with its context path if it has one (for example "
                    + "https://ci.example.com/jenkins/)."),
            new ConfigField(
                UsernameField,
                "User name",
                ConfigFieldType.Text,
                Required: true,
                Description: "The Jenkins user the API token belongs to (its user ID, as on the user's page)."),
            ProviderFields.Token(
                "API token",
                "An API token of that user (user menu → Security → API Token → Add new token). A password "
                    + "works too, but then Jenkins asks for a CSRF crumb on every action, which FlowForge fetches as needed."),
            new ConfigField(
                FoldersField,
                "Folders",
                ConfigFieldType.Text,
                Required: false,
                Description: "Comma-separated folders to limit discovery to, as Jenkins writes full names (for example: "
                    + "team-a, platform/services). Empty: every job the user can see.",
                Pattern: @"[^\\]*"),
        ],
        ProviderCapabilitySets.ReadPath | ProviderCapabilitySets.RunControl,
        [
            new PermissionRequirement(
                "Overall/Read",
                "Signs in with the API token at all; Jenkins refuses every other request without it."),
            new PermissionRequirement(
                "Job/Read (and Job/Discover)",
                "Lists folders, multibranch projects and jobs, and reads their builds, stages, steps, console logs and "
                    + "parameter definitions. Jobs the user may not read stay invisible."),
            new PermissionRequirement(
                "Job/Build",
                "Starts builds with parameters and rebuilds a build with the parameters it ran with."),
            new PermissionRequirement(
                "Job/Cancel",
                "Stops running builds (or kills a build stuck in stopping) and takes waiting builds out of the queue."),
        ]);
}
