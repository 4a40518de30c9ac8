using FlowForge.Abstractions.Secrets;

namespace FlowForge.Secrets.Vault;

/// <summary>
/// Where the vault password comes from: <c>FLOWFORGE_VAULT_PASSWORD</c>, or the first line of the file named by
/// <c>FlowForge:Secrets:VaultKeyFile</c>. Never from a configuration value, which would put it in a config file.
/// </summary>
public static class VaultPassword
{
    public const string EnvironmentVariable = "FLOWFORGE_VAULT_PASSWORD";

    /// <summary>New vaults and password changes need at least this many characters.</summary>
    public const int MinimumLength = 12;

    /// <summary>The password and where it came from (for messages), or null when none is set.</summary>
    /// <exception cref="VaultException">A key file is configured but cannot be read or is empty: start-up stops with this.</exception>
    public static (SecretValue Password, string Source)? Read(string? keyFile, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(keyFile))
        {
            string text;
            try
            {
                text = File.ReadAllText(keyFile);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new VaultException(
                    $"FlowForge:Secrets:VaultKeyFile names '{keyFile}', which cannot be read ({exception.GetType().Name}). Point it to a readable file holding the vault password.",
                    exception);
            }

            var firstLine = text.Split('\n', 2)[0].TrimEnd('\r');
            return firstLine.Length > 0
                ? (new SecretValue(firstLine), $"the key file {keyFile}")
                : throw new VaultException($"The vault key file '{keyFile}' is empty; its first line must be the vault password.");
        }

        var fromEnvironment = environment(EnvironmentVariable);
        return string.IsNullOrEmpty(fromEnvironment) ? null : (new SecretValue(fromEnvironment), EnvironmentVariable);
    }
}
