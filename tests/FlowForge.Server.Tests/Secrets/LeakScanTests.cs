using System.Net;
using System.Runtime.Versioning;
using System.Text;
using FlowForge.Secrets.Tests.Infrastructure;
using FlowForge.Secrets.Transfer;
using FlowForge.Secrets.Vault;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Secrets;

/// <summary>After everything a token goes through, it is nowhere FlowForge writes or says anything.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class LeakScanTests
{
    private const string Rotated = "rotated-leak-token-not-real";
    private const string Hook = "leak-hook-secret-not-real";
    private const string Passphrase = "leak-passphrase-not-real";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_set_rotate_export_import_and_remove_no_token_is_in_any_file_log_or_response()
    {
        await using var keyring = await PrivateKeyring.StartAsync();
        var world = await GitHubWorld.StartAsync(app: new FlowForgeApp(settings: SecretsWorld.Vault()));
        await using var _ = world;
        await using var other = new FlowForgeApp(settings: SecretsWorld.Keyring(keyring.Address));
        var otherApi = new ApiClient(other.CreateRecordingClient());

        // Set, rotate, use; export from the vault server and import into the keyring server; use; remove everywhere.
        await world.AddInstanceAsync();
        await SecretsWorld.SetAsync(world.Api, GitHubWorld.InstanceId, "webhookSecret", Hook);
        await SecretsWorld.SetAsync(world.Api, GitHubWorld.InstanceId, "token", Rotated);
        await SecretsWorld.SetAsync(world.Api, GitHubWorld.InstanceId, "token", GitHubWorld.Token);
        Assert.True((await world.Api.SyncAsync(GitHubWorld.InstanceId)).Succeeded);
        var export = await TransferTests.ExportAsync(world.Api, Passphrase);
        var imported = await TransferTests.ImportAsync(otherApi, export.Document, Passphrase);
        Assert.Equal(ImportOutcome.Created, Assert.Single(imported.Instances).Status);
        Assert.True((await otherApi.SyncAsync(GitHubWorld.InstanceId)).Succeeded);
        foreach (var api in new[] { world.Api, otherApi })
        {
            using var removed = await api.Client.DeleteAsync($"/api/v1/instances/{GitHubWorld.InstanceId}", Cancel);
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        var tokens = new[] { GitHubWorld.Token, Rotated, Hook };
        Assert.Empty(SecretsWorld.FilesHolding(world.App.DataDirectory, tokens));
        Assert.Empty(SecretsWorld.FilesHolding(other.DataDirectory, tokens));
        var said = world.App.EverythingSaid().Concat(other.EverythingSaid()).ToList();
        Assert.NotEmpty(said);
        Assert.DoesNotContain(said, line => tokens.Any(token => line.Contains(token, StringComparison.Ordinal)));
        Assert.DoesNotContain(said, line => line.Contains(Passphrase, StringComparison.Ordinal));

        // Removed means gone from the stores too: no FlowForge item in the keyring, nothing left in the vault.
        var (_, found, foundAttributes) = await keyring.SecretToolAsync(null, "search", "--all", "application", "flowforge");
        Assert.DoesNotContain("flowforge-key", found + foundAttributes, StringComparison.Ordinal);
        var vault = await File.ReadAllBytesAsync(Path.Combine(world.App.DataDirectory, VaultSecretStore.FileName), Cancel);
        Assert.Equal("{}", Encoding.UTF8.GetString(SealedData.Open(SecretsWorld.VaultPassword, vault)));
    }
}
