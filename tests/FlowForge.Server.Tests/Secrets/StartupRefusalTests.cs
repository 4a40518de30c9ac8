using System.Runtime.Versioning;
using FlowForge.Abstractions.Secrets;
using FlowForge.Core.Secrets;
using FlowForge.Secrets.Vault;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Secrets;

/// <summary>What a person starting FlowForge sees when it must not start: why and what to do, no stack trace, exit code 1.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class StartupRefusalTests
{
    private const string NoBus = "unix:path=/nonexistent/flowforge-bus";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Auto_refuses_to_start_with_neither_keyring_nor_vault_password_and_says_how_to_fix_it()
    {
        var dataDirectory = TempDirectory.Create();

        var (exitCode, output, error) = await ServerProcess.RunUntilExitAsync(Environment(dataDirectory, vaultPassword: null));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("FlowForge cannot start: No secret store is available", error, StringComparison.Ordinal);
        Assert.Contains("never keeps a secret in plaintext", error, StringComparison.Ordinal);
        Assert.Contains("gnome-keyring-daemon", error, StringComparison.Ordinal);
        Assert.Contains("FLOWFORGE_VAULT_PASSWORD", error, StringComparison.Ordinal);
        AssertNoStackTrace(output + error);
        Assert.False(File.Exists(Path.Combine(dataDirectory, VaultSecretStore.FileName)));
    }

    [Fact]
    public async Task A_wrong_vault_password_stops_start_up_clearly_and_leaves_the_vault_as_it_was()
    {
        var dataDirectory = TempDirectory.Create();
        var vault = Path.Combine(dataDirectory, VaultSecretStore.FileName);
        using (var store = new VaultSecretStore(vault, () => (new SecretValue(SecretsWorld.VaultPassword), "the test"), new Argon2Parameters(8 * 1024, 1, 1)))
        {
            await store.WriteAsync("instances/acme/1/token", new SecretValue("kept-in-vault-not-real"), Cancel);
        }

        var before = await File.ReadAllBytesAsync(vault, Cancel);

        var (exitCode, output, error) = await ServerProcess.RunUntilExitAsync(Environment(dataDirectory, "a-wrong-password-not-real"));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("FlowForge cannot start: The vault password from FLOWFORGE_VAULT_PASSWORD does not open the vault", error, StringComparison.Ordinal);
        Assert.Contains("nothing was read or changed", error, StringComparison.Ordinal);
        AssertNoStackTrace(output + error);
        Assert.DoesNotContain("a-wrong-password-not-real", output + error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(vault, Cancel));
    }

    [Fact]
    public async Task Hosted_by_something_else_the_refusal_stops_the_host_and_its_owner_gets_why()
    {
        await using var app = new FlowForgeApp(settings: new Dictionary<string, string?>
        {
            ["FlowForge:Secrets:DefaultStore"] = "auto",
            ["FlowForge:Secrets:KeyringBusAddress"] = NoBus,
        });

        var refused = Assert.Throws<SecretStoreUnavailableException>(() => app.Services);

        Assert.StartsWith("No secret store is available", refused.Message, StringComparison.Ordinal);
        Assert.Contains("FLOWFORGE_VAULT_PASSWORD", refused.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Environment(string dataDirectory, string? vaultPassword) => new(StringComparer.Ordinal)
    {
        ["FLOWFORGE_DATA_DIR"] = dataDirectory,
        [VaultPassword.EnvironmentVariable] = vaultPassword,
        ["DBUS_SESSION_BUS_ADDRESS"] = null,
        ["FlowForge__Secrets__KeyringBusAddress"] = NoBus,
    };

    private static void AssertNoStackTrace(string said)
    {
        Assert.DoesNotContain("Unhandled exception", said, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", said, StringComparison.Ordinal);
    }
}
