namespace FlowForge.Providers.GitHub;
internal static class Placeholder;
