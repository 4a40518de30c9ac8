using System.Runtime.Versioning;
using FlowForge.Secrets.Vault;
using FlowForge.Server.Hosting;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Secrets;

/// <summary><c>secrets change-vault-password</c>: the vault re-encrypted under the new password, the server's tokens still there.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class SecretsCommandTests
{
    private const string NewPassword = "the-new-vault-password-not-real";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Changing_the_vault_password_re_encrypts_it_and_the_server_runs_on_with_the_new_one()
    {
        await using var world = await StoppedServerWithTokenInVaultAsync();
        var vault = Path.Combine(world.App.DataDirectory, VaultSecretStore.FileName);
        var (oldSalt, _) = SealedData.ReadHeader(await File.ReadAllBytesAsync(vault, Cancel));

        var (exit, output, error) = await ChangePasswordAsync(world.App.DataDirectory, SecretsWorld.VaultPassword);

        Assert.True(exit == 0, error);
        Assert.Contains("the old password no longer opens it", output, StringComparison.Ordinal);
        var rekeyed = await File.ReadAllBytesAsync(vault, Cancel);
        Assert.NotEqual(oldSalt, SealedData.ReadHeader(rekeyed).Salt);
        Assert.Throws<VaultPasswordException>(() => SealedData.Open(SecretsWorld.VaultPassword, rekeyed));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(vault));
        Assert.DoesNotContain(NewPassword, output + error, StringComparison.Ordinal);

        await using var restarted = new FlowForgeApp(world.App.DataDirectory, SecretsWorld.Vault(NewPassword));
        var report = await new ApiClient(restarted.CreateRecordingClient()).SyncAsync(GitHubWorld.InstanceId);
        Assert.True(report.Succeeded, report.Error);
    }

    [Fact]
    public async Task With_the_wrong_current_password_nothing_is_re_encrypted()
    {
        await using var world = await StoppedServerWithTokenInVaultAsync();
        var vault = Path.Combine(world.App.DataDirectory, VaultSecretStore.FileName);
        var before = await File.ReadAllBytesAsync(vault, Cancel);

        var (exit, _, error) = await ChangePasswordAsync(world.App.DataDirectory, "not-the-password-not-real");

        Assert.Equal(1, exit);
        Assert.Contains("does not open the vault", error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(vault, Cancel));
    }

    /// <summary>A server that stored its instance's token in the vault, then stopped, as before running the command.</summary>
    private static async Task<GitHubWorld> StoppedServerWithTokenInVaultAsync()
    {
        var world = await GitHubWorld.StartAsync(app: new FlowForgeApp(settings: SecretsWorld.Vault()));
        await world.AddInstanceAsync();
        await world.App.DisposeAsync();
        return world;
    }

    /// <summary>The command as run by hand: the current password from a key file, the new one on standard input.</summary>
    private static async Task<(int Exit, string Output, string Error)> ChangePasswordAsync(string dataDirectory, string currentPassword)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var keyFile = SecretsWorld.Vault(currentPassword)["FlowForge:Secrets:VaultKeyFile"];
        var exit = await SecretsCommand.RunAsync(
            ["secrets", "change-vault-password", $"--FlowForge:DataDirectory={dataDirectory}", $"--FlowForge:Secrets:VaultKeyFile={keyFile}"],
            demo: false,
            new StringReader(NewPassword + "\n"),
            output,
            error);
        return (exit, output.ToString(), error.ToString());
    }
}
