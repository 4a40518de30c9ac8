namespace FlowForge.Storage;
internal static class Placeholder;
