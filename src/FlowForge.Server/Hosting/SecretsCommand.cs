using FlowForge.Core.Secrets;
using FlowForge.Secrets.Vault;

namespace FlowForge.Server.Hosting;

/// <summary>
/// <c>secrets change-vault-password [--new-key-file PATH]</c>: re-encrypts the vault under a new password with a new salt,
/// and exits without starting the server. The current password comes from where the server reads it
/// (<c>FLOWFORGE_VAULT_PASSWORD</c> or <c>FlowForge:Secrets:VaultKeyFile</c>); the new one from the file given, or the
/// first line of standard input. A command, not an endpoint, so that neither password ever travels over HTTP.
/// </summary>
internal static class SecretsCommand
{
    private const string Usage = "Usage: secrets change-vault-password [--new-key-file PATH] [configuration overrides]  (the new password is read from PATH, or from standard input)";

    public static bool Matches(string[] args) => args is ["secrets", ..];

    /// <returns>The process exit code: 0 done, 1 refused, 2 usage.</returns>
    public static async Task<int> RunAsync(string[] args, bool demo, TextReader? input = null, TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        input ??= Console.In;
        output ??= Console.Out;
        error ??= Console.Error;
        if (args is not ["secrets", "change-vault-password", .. var rest] || !TryParse(rest, out var newKeyFile, out var configurationArgs))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = configurationArgs });
        DefaultSettings.Apply(builder.Configuration);
        var options = builder.Configuration.GetSection(SecretsOptions.Section).Get<SecretsOptions>() ?? new SecretsOptions();
        var path = Path.Combine(Path.GetDirectoryName(DataDirectory.DatabasePath(builder.Configuration, demo))!, VaultSecretStore.FileName);
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"There is no vault at {path}: nothing to re-encrypt. (FlowForge creates it with the first secret it stores there.)");
            return 1;
        }

        try
        {
            var newPassword = newKeyFile is null ? await input.ReadLineAsync() : VaultPassword.Read(newKeyFile, _ => null)?.Password.Reveal();
            if (string.IsNullOrEmpty(newPassword))
            {
                await error.WriteLineAsync("No new password was given (standard input was empty).");
                return 1;
            }

            using var vault = new VaultSecretStore(path, () => VaultPassword.Read(options.VaultKeyFile, Environment.GetEnvironmentVariable));
            await vault.ChangePasswordAsync(newPassword, CancellationToken.None);
        }
        catch (Exception exception) when (exception is VaultException or SecretStoreUnavailableException)
        {
            await error.WriteLineAsync(exception.Message);
            return 1;
        }

        await output.WriteLineAsync($"Re-encrypted {path} under the new password, with a new salt; the old password no longer opens it.");
        await output.WriteLineAsync("Give FlowForge the new password (FLOWFORGE_VAULT_PASSWORD or the key file) and restart it if it is running.");
        return 0;
    }

    private static bool TryParse(string[] args, out string? newKeyFile, out string[] configurationArgs)
    {
        newKeyFile = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--new-key-file")
            {
                if (i + 1 >= args.Length)
                {
                    configurationArgs = [];
                    return false;
                }

                newKeyFile = args[++i];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        configurationArgs = [.. rest];
        return true;
    }
}
