using FlowForge.Core.Secrets;

namespace FlowForge.Server.Hosting;

/// <summary>How the server configures its secret stores beyond what <c>FlowForge:Secrets</c> says.</summary>
internal static class SecretsSetup
{
    public const string DefaultStoreKey = SecretsOptions.Section + ":DefaultStore";

    /// <summary>
    /// The demo's only tokens are its emulator's, and the demo must start on any machine, keyring or not: unless
    /// configured otherwise it keeps secrets in memory, which is a configured choice, not a fallback.
    /// </summary>
    public static void ApplyDemoDefault(ConfigurationManager configuration, bool demo)
    {
        if (demo && string.IsNullOrWhiteSpace(configuration[DefaultStoreKey]))
        {
            configuration[DefaultStoreKey] = "memory";
        }
    }
}
