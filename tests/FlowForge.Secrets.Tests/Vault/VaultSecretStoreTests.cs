using System.Runtime.Versioning;
using FlowForge.Abstractions.Secrets;
using FlowForge.Core.Secrets;
using FlowForge.Secrets.Tests.Infrastructure;
using FlowForge.Secrets.Vault;

namespace FlowForge.Secrets.Tests.Vault;

[UnsupportedOSPlatform("windows")]
public sealed class VaultSecretStoreTests
{
    private const string Key = "instances/acme/0001/token";
    private const string Token = "ghp-vault-token-not-real";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Secrets_round_trip_and_survive_a_restart()
    {
        var path = TestVaults.NewPath();
        using (var vault = TestVaults.Open(path))
        {
            await vault.WriteAsync(Key, new SecretValue(Token), Cancel);
            await vault.WriteAsync("instances/acme/0002/webhookSecret", new SecretValue("hook-not-real"), Cancel);
            Assert.Equal(Token, (await vault.ReadAsync(Key, Cancel))!.Reveal());
        }

        using var restarted = TestVaults.Open(path);
        Assert.Equal(Token, (await restarted.ReadAsync(Key, Cancel))!.Reveal());
        await restarted.DeleteAsync(Key, Cancel);
        Assert.Null(await restarted.ReadAsync(Key, Cancel));
        using var again = TestVaults.Open(path);
        Assert.Null(await again.ReadAsync(Key, Cancel));
        Assert.Equal("hook-not-real", (await again.ReadAsync("instances/acme/0002/webhookSecret", Cancel))!.Reveal());
    }

    [Fact]
    public async Task The_file_holds_no_secret_in_the_clear_and_is_readable_by_its_owner_only()
    {
        var path = TestVaults.NewPath();
        using var vault = TestVaults.Open(path);

        await vault.WriteAsync(Key, new SecretValue(Token), Cancel);

        var bytes = await File.ReadAllBytesAsync(path, Cancel);
        Assert.DoesNotContain(Token, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_clearly_and_changes_nothing()
    {
        var path = TestVaults.NewPath();
        using (var vault = TestVaults.Open(path))
        {
            await vault.WriteAsync(Key, new SecretValue(Token), Cancel);
        }

        var before = await File.ReadAllBytesAsync(path, Cancel);
        using var wrong = TestVaults.Open(path, "another-password-not-real");

        var refused = await Assert.ThrowsAsync<VaultPasswordException>(() => wrong.CheckAsync(Cancel));
        await Assert.ThrowsAsync<VaultPasswordException>(() => wrong.WriteAsync("other", new SecretValue("x-not-real"), Cancel));

        Assert.Contains("does not open the vault", refused.Message, StringComparison.Ordinal);
        Assert.Contains(path, refused.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was read or changed", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path, Cancel));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public async Task A_crash_between_writing_and_renaming_leaves_the_old_vault_intact()
    {
        var path = TestVaults.NewPath();
        using var vault = TestVaults.Open(path);
        await vault.WriteAsync(Key, new SecretValue(Token), Cancel);
        var before = await File.ReadAllBytesAsync(path, Cancel);

        vault.BeforeRename = _ => throw new IOException("Simulated crash before the rename.");
        await Assert.ThrowsAsync<IOException>(() => vault.WriteAsync(Key, new SecretValue("rotated-not-real"), Cancel));

        // The new content was fully written to the temporary file, and the vault itself is untouched.
        Assert.True(File.Exists(path + ".tmp"));
        Assert.Equal(before, await File.ReadAllBytesAsync(path, Cancel));
        Assert.Equal(Token, (await vault.ReadAsync(Key, Cancel))!.Reveal());
        using (var restarted = TestVaults.Open(path))
        {
            Assert.Equal(Token, (await restarted.ReadAsync(Key, Cancel))!.Reveal());
        }

        vault.BeforeRename = null;
        await vault.WriteAsync(Key, new SecretValue("rotated-not-real"), Cancel);
        Assert.False(File.Exists(path + ".tmp"));
        using var afterRetry = TestVaults.Open(path);
        Assert.Equal("rotated-not-real", (await afterRetry.ReadAsync(Key, Cancel))!.Reveal());
    }

    [Fact]
    public async Task A_stale_temporary_file_with_loose_permissions_is_replaced_by_an_owner_only_one()
    {
        var path = TestVaults.NewPath();
        await File.WriteAllTextAsync(path + ".tmp", "leftover", Cancel);
        File.SetUnixFileMode(path + ".tmp", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        using var vault = TestVaults.Open(path);
        vault.BeforeRename = temporary => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temporary));

        await vault.WriteAsync(Key, new SecretValue(Token), Cancel);

        Assert.Equal(Token, (await TestVaults.Open(path).ReadAsync(Key, Cancel))!.Reveal());
    }

    [Fact]
    public async Task A_password_change_re_encrypts_with_a_new_salt()
    {
        var path = TestVaults.NewPath();
        using (var vault = TestVaults.Open(path))
        {
            await vault.WriteAsync(Key, new SecretValue(Token), Cancel);
        }

        var (oldSalt, _) = SealedData.ReadHeader(await File.ReadAllBytesAsync(path, Cancel));
        using (var vault = TestVaults.Open(path))
        {
            await vault.ChangePasswordAsync("new-vault-password-not-real", Cancel);
            Assert.Equal(Token, (await vault.ReadAsync(Key, Cancel))!.Reveal());
        }

        var (newSalt, _) = SealedData.ReadHeader(await File.ReadAllBytesAsync(path, Cancel));
        Assert.NotEqual(oldSalt, newSalt);
        await Assert.ThrowsAsync<VaultPasswordException>(() => TestVaults.Open(path).ReadAsync(Key, Cancel));
        Assert.Equal(Token, (await TestVaults.Open(path, "new-vault-password-not-real").ReadAsync(Key, Cancel))!.Reveal());
    }

    [Fact]
    public async Task A_process_holding_the_old_key_stops_writing_after_another_changed_the_password()
    {
        var path = TestVaults.NewPath();
        using var running = TestVaults.Open(path);
        await running.WriteAsync(Key, new SecretValue(Token), Cancel);
        using (var cli = TestVaults.Open(path))
        {
            await cli.ChangePasswordAsync("new-vault-password-not-real", Cancel);
        }

        var rekeyed = await File.ReadAllBytesAsync(path, Cancel);

        var refused = await Assert.ThrowsAsync<SecretStoreUnavailableException>(
            () => running.WriteAsync("instances/acme/0003/token", new SecretValue("late-not-real"), Cancel));

        Assert.Contains("re-encrypted or replaced by another process", refused.Message, StringComparison.Ordinal);
        Assert.Equal(rekeyed, await File.ReadAllBytesAsync(path, Cancel));
    }

    [Fact]
    public async Task A_new_vault_needs_a_password_of_twelve_characters()
    {
        using var vault = TestVaults.Open(TestVaults.NewPath(), "short");

        var refused = await Assert.ThrowsAsync<VaultException>(() => vault.WriteAsync(Key, new SecretValue(Token), Cancel));

        Assert.Contains("shorter than 12 characters", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_password_the_vault_is_unavailable_and_says_how_to_set_one()
    {
        using var vault = TestVaults.Open(TestVaults.NewPath(), password: null);

        var status = await vault.CheckAsync(Cancel);
        var refused = await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => vault.ReadAsync(Key, Cancel));

        Assert.False(status.IsAvailable);
        Assert.Contains("FLOWFORGE_VAULT_PASSWORD", status.Description, StringComparison.Ordinal);
        Assert.Contains("FLOWFORGE_VAULT_PASSWORD", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_password_comes_from_the_key_file_first_line_or_the_environment()
    {
        var file = Path.Combine(Path.GetDirectoryName(TestVaults.NewPath())!, "vault.key");
        File.WriteAllText(file, "from-key-file-not-real\nignored\n");

        var fromFile = VaultPassword.Read(file, _ => "from-environment-not-real");
        var fromEnvironment = VaultPassword.Read(null, name => name == VaultPassword.EnvironmentVariable ? "from-environment-not-real" : null);

        Assert.Equal("from-key-file-not-real", fromFile!.Value.Password.Reveal());
        Assert.Contains(file, fromFile.Value.Source, StringComparison.Ordinal);
        Assert.Equal("from-environment-not-real", fromEnvironment!.Value.Password.Reveal());
        Assert.Equal(VaultPassword.EnvironmentVariable, fromEnvironment.Value.Source);
        Assert.Null(VaultPassword.Read(null, _ => null));
        var missing = Assert.Throws<VaultException>(() => VaultPassword.Read(file + ".missing", _ => null));
        Assert.Contains("VaultKeyFile", missing.Message, StringComparison.Ordinal);
    }
}
