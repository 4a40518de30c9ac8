namespace FlowForge.Secrets;
internal static class Placeholder;
