using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using FlowForge.Core.Auditing;
using FlowForge.Server.Contracts;
using FlowForge.Secrets.Tests.Infrastructure;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Secrets;

/// <summary>The server with the keyring as its store, against a real gnome-keyring on a private bus, checked with <c>secret-tool</c>.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class KeyringServerTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_set_through_FlowForge_is_in_the_keyring_survives_a_restart_and_goes_with_its_instance()
    {
        await using var keyring = await PrivateKeyring.StartAsync();
        await using var world = await WorldWithInstanceAsync(keyring);

        // secret-tool finds it by FlowForge's attributes, under the key it was filed with.
        var key = await KeyOfAsync(keyring, GitHubWorld.InstanceId, "token");
        Assert.Equal(GitHubWorld.Token, await keyring.LookupAsync(key));
        var status = Assert.Single(await SecretsWorld.SecretsAsync(world.Api, GitHubWorld.InstanceId), field => field.Field == "token");
        Assert.Equal(("keyring", true), (status.Store, status.IsSet));
        Assert.True((await world.Api.SyncAsync(GitHubWorld.InstanceId)).Succeeded);

        // A restart reads it back from the keyring.
        await world.App.DisposeAsync();
        await using var restarted = new FlowForgeApp(world.App.DataDirectory, SecretsWorld.Keyring(keyring.Address));
        var api = new ApiClient(restarted.CreateRecordingClient());
        var report = await api.SyncAsync(GitHubWorld.InstanceId);
        Assert.True(report.Succeeded, report.Error);

        // Rotating files the new token under a new key and deletes the old item.
        var rotated = await SecretsWorld.SetAsync(api, GitHubWorld.InstanceId, "token", "rotated-keyring-token-not-real");
        Assert.Equal("keyring", rotated.Store);
        Assert.Null(await keyring.LookupAsync(key));
        var newKey = await KeyOfAsync(keyring, GitHubWorld.InstanceId, "token");
        Assert.Equal("rotated-keyring-token-not-real", await keyring.LookupAsync(newKey));

        // Removing the instance removes its secrets from the keyring.
        using var removed = await api.Client.DeleteAsync($"/api/v1/instances/{GitHubWorld.InstanceId}", Cancel);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Null(await keyring.LookupAsync(newKey));
        var (_, output, error) = await keyring.SecretToolAsync(null, "search", "--all", "application", "flowforge", "instance", GitHubWorld.InstanceId);
        Assert.DoesNotContain("flowforge-key", output + error, StringComparison.Ordinal);
        Assert.Empty(SecretsWorld.FilesHolding(restarted.DataDirectory, GitHubWorld.Token, "rotated-keyring-token-not-real"));
    }

    [Fact]
    public async Task A_keyring_reference_on_a_server_without_a_keyring_reads_as_unavailable_for_that_instance()
    {
        await using var keyring = await PrivateKeyring.StartAsync();
        await using var world = await WorldWithInstanceAsync(keyring);
        await world.App.DisposeAsync();

        // The same data directory on a server whose session has no Secret Service: the vault is its store now.
        var settings = SecretsWorld.Vault();
        settings["FlowForge:Secrets:KeyringBusAddress"] = "unix:path=/nonexistent/flowforge-bus";
        await using var moved = new FlowForgeApp(world.App.DataDirectory, settings);
        var api = new ApiClient(moved.CreateRecordingClient());

        var report = await api.SyncAsync(GitHubWorld.InstanceId);

        Assert.False(report.Succeeded);
        Assert.Contains("the 'keyring' secret store is not available here", report.Error, StringComparison.Ordinal);
        Assert.Contains("set it again", report.Error, StringComparison.Ordinal);
        var status = Assert.Single(await SecretsWorld.SecretsAsync(api, GitHubWorld.InstanceId), field => field.Field == "token");
        Assert.Equal("keyring", status.Store);
        Assert.Equal("vault", (await SecretsWorld.SetAsync(api, GitHubWorld.InstanceId, "token", GitHubWorld.Token)).Store);
        Assert.True((await api.SyncAsync(GitHubWorld.InstanceId)).Succeeded);
    }

    [Fact]
    public async Task A_keyring_that_went_away_fails_a_change_with_a_clear_503_and_nothing_changes()
    {
        await using var keyring = await PrivateKeyring.StartAsync();
        await using var world = await WorldWithInstanceAsync(keyring);
        var before = await SecretsWorld.SecretsAsync(world.Api, GitHubWorld.InstanceId);

        await keyring.StopKeyringAsync();
        using var response = await world.Api.Client.PutAsJsonAsync(
            $"/api/v1/instances/{GitHubWorld.InstanceId}/secrets/token", new { value = "while-away-not-real" }, Cancel);

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("The secret store is unavailable.", problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("Secret Service", detail, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was changed.", detail, StringComparison.Ordinal);
        Assert.Equal(before, await SecretsWorld.SecretsAsync(world.Api, GitHubWorld.InstanceId));
        var audit = await world.Api.GetAsync<PageResponse<AuditEntryResponse>>($"/api/v1/audit?instance={GitHubWorld.InstanceId}");
        var entry = Assert.Single(audit.Items, entry => entry.Action == AuditActions.SecretSet);
        Assert.Equal((AuditOutcomes.Failed, 503), (entry.Outcome, entry.StatusCode));
    }

    /// <summary>A server keeping its secrets in <paramref name="keyring"/>, with the GitHub instance added (its token in the keyring).</summary>
    private static async Task<GitHubWorld> WorldWithInstanceAsync(PrivateKeyring keyring)
    {
        var world = await GitHubWorld.StartAsync(app: new FlowForgeApp(settings: SecretsWorld.Keyring(keyring.Address)));
        try
        {
            await world.AddInstanceAsync();
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    /// <summary>The <c>flowforge-key</c> of the instance's item for a field, as <c>secret-tool search</c> shows it.</summary>
    private static async Task<string> KeyOfAsync(PrivateKeyring keyring, string instance, string field)
    {
        var (exit, output, error) = await keyring.SecretToolAsync(null, "search", "--all", "application", "flowforge", "instance", instance, "field", field);
        Assert.True(exit == 0, error);
        var line = Assert.Single((output + "\n" + error).Split('\n'), line => line.StartsWith("attribute.flowforge-key = ", StringComparison.Ordinal));
        return line["attribute.flowforge-key = ".Length..].Trim();
    }
}
