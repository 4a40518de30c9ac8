using System.Reflection;
using FlowForge.Core.Secrets;
using FlowForge.Secrets.Vault;
using Microsoft.Extensions.Options;

namespace FlowForge.Server.Hosting;

/// <summary>How the server configures its secret stores beyond what <c>FlowForge:Secrets</c> says, and how it refuses to start.</summary>
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

    /// <summary>
    /// Chooses the secret store before anything starts. When no store may take secrets, or the vault does not open, the
    /// person starting FlowForge gets why and what to do in one paragraph on standard error — not a stack trace — and
    /// FlowForge exits with 1.
    /// </summary>
    /// <returns>False when FlowForge must not start.</returns>
    /// <remarks>
    /// Only in FlowForge's own process. Hosted by something else (WebApplicationFactory in the tests), the host's own start
    /// makes the same choice (SecretStoreStartup) after validating the options, and its owner gets the exception.
    /// Blocking on purpose: Main stays on its own thread up to <c>app.Run()</c>.
    /// </remarks>
    public static bool ChooseStore(IServiceProvider services, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(error);
        if (Assembly.GetEntryAssembly() != typeof(SecretsSetup).Assembly)
        {
            return true;
        }

        try
        {
            services.GetRequiredService<SecretResolver>().InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
            return true;
        }
        catch (Exception exception) when (exception is SecretStoreUnavailableException or VaultException or OptionsValidationException)
        {
            error.WriteLine($"FlowForge cannot start: {exception.Message}");
            return false;
        }
    }
}
