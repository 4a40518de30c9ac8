namespace FlowForge.Emulators;
internal static class Placeholder;
