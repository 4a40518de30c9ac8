using System.Runtime.Versioning;
using FlowForge.Secrets.Vault;
using FlowForge.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Server.Tests.Secrets;

/// <summary>The server with the encrypted vault as its store, and how it chooses its store (refusals: <see cref="StartupRefusalTests"/>).</summary>
[UnsupportedOSPlatform("windows")]
public sealed class VaultServerTests
{
    private const string NoBus = "unix:path=/nonexistent/flowforge-bus";

    [Fact]
    public async Task Tokens_go_to_the_vault_file_encrypted_owner_only_and_survive_a_restart()
    {
        var settings = SecretsWorld.Vault();
        var world = await GitHubWorld.StartAsync(app: new FlowForgeApp(settings: settings));
        await using var _ = world;
        await world.AddInstanceAsync();

        var vault = Path.Combine(world.App.DataDirectory, VaultSecretStore.FileName);
        Assert.True(File.Exists(vault));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(vault));
        Assert.Empty(SecretsWorld.FilesHolding(world.App.DataDirectory, GitHubWorld.Token));
        Assert.Equal("vault", (await world.Api.InstanceAsync(GitHubWorld.InstanceId)).Secrets["token"].Store);

        await world.App.DisposeAsync();
        await using var restarted = new FlowForgeApp(world.App.DataDirectory, settings);
        var report = await new ApiClient(restarted.CreateRecordingClient()).SyncAsync(GitHubWorld.InstanceId);
        Assert.True(report.Succeeded, report.Error);
    }

    [Fact]
    public async Task Auto_uses_the_vault_when_no_Secret_Service_answers_and_says_which_store_and_why()
    {
        var settings = SecretsWorld.Vault();
        settings["FlowForge:Secrets:DefaultStore"] = "auto";
        settings["FlowForge:Secrets:KeyringBusAddress"] = NoBus;
        await using var app = new FlowForgeApp(settings: settings);
        var api = new ApiClient(app.CreateRecordingClient());

        var store = await api.GetAsync<FlowForge.Server.Contracts.SecretStoreResponse>("/api/v1/secrets/store");

        Assert.Equal("vault", store.DefaultStore);
        var line = Assert.Single(app.Logs.GetSnapshot(), record => record.Message.StartsWith("Secrets: new secrets go to", StringComparison.Ordinal));
        Assert.Contains("'vault' store: chosen automatically: the encrypted vault", line.Message, StringComparison.Ordinal);
        Assert.Contains("keyring: the session bus cannot be reached", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_keeps_its_emulator_tokens_in_memory_without_a_keyring_or_vault()
    {
        await using var app = new FlowForgeApp(settings: new Dictionary<string, string?>
        {
            ["FlowForge:Secrets:DefaultStore"] = null,
            ["FlowForge:Demo:Enabled"] = "true",
        });
        var api = new ApiClient(app.CreateRecordingClient());

        var store = await api.GetAsync<FlowForge.Server.Contracts.SecretStoreResponse>("/api/v1/secrets/store");

        Assert.Equal("memory", store.DefaultStore);
        Assert.NotNull(app.Services.GetRequiredService<FlowForge.Core.Secrets.SecretResolver>().DefaultStore);
    }
}
