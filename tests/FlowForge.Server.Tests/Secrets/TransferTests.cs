using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text.Json;
using FlowForge.Secrets.Transfer;
using FlowForge.Server.Contracts;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Secrets;

/// <summary>Export and import of instances: secrets only sealed, re-created in the importing server's own store.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class TransferTests
{
    private const string Passphrase = "export-passphrase-not-real";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_export_carries_secrets_only_sealed_and_an_import_recreates_working_instances()
    {
        var world = await GitHubWorld.StartAsync(app: new FlowForgeApp(settings: SecretsWorld.Vault()));
        await using var scope = world;
        await world.AddInstanceAsync();
        await SecretsWorld.SetAsync(world.Api, GitHubWorld.InstanceId, "webhookSecret", "exported-hook-not-real");

        var export = await ExportAsync(world.Api, Passphrase);

        var text = JsonSerializer.Serialize(export.Document, ApiClient.Json);
        Assert.DoesNotContain(GitHubWorld.Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain("exported-hook-not-real", text, StringComparison.Ordinal);
        var exported = Assert.Single(export.Document.Instances);
        Assert.Equal(["token", "webhookSecret"], exported.SecretFields);
        Assert.Equal(world.Emulator.ApiBaseUrl.ToString(), exported.Settings["baseUrl"]);
        Assert.Empty(export.MissingSecrets);

        await using var other = new FlowForgeApp(settings: SecretsWorld.Vault("another-vault-password-not-real"));
        var api = new ApiClient(other.CreateRecordingClient());
        var imported = await ImportAsync(api, export.Document, Passphrase);

        Assert.Equal(ImportOutcome.Created, Assert.Single(imported.Instances).Status);
        var report = await api.SyncAsync(GitHubWorld.InstanceId);
        Assert.True(report.Succeeded, report.Error);
        var secrets = await SecretsWorld.SecretsAsync(api, GitHubWorld.InstanceId);
        Assert.All(secrets, field => Assert.Equal(("vault", true), (field.Store, field.IsSet)));
        Assert.Empty(SecretsWorld.FilesHolding(other.DataDirectory, GitHubWorld.Token, "exported-hook-not-real"));

        var again = await ImportAsync(api, export.Document, Passphrase);
        var conflict = Assert.Single(again.Instances);
        Assert.Equal(ImportOutcome.Conflict, conflict.Status);
        Assert.Contains("already exists", conflict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_passphrase_or_an_altered_export_imports_nothing()
    {
        var world = await GitHubWorld.StartAsync(app: new FlowForgeApp(settings: SecretsWorld.Vault()));
        await using var scope = world;
        await world.AddInstanceAsync();
        var export = await ExportAsync(world.Api, Passphrase);
        await using var other = new FlowForgeApp(settings: SecretsWorld.Vault());
        var api = new ApiClient(other.CreateRecordingClient());

        using (var wrong = await api.Client.PostAsJsonAsync("/api/v1/instances/import", new { document = export.Document, passphrase = "wrong-passphrase-not-real" }, ApiClient.Json, Cancel))
        {
            var problem = await ApiClient.ProblemAsync(wrong, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("passphrase", out _));
        }

        var sealedBytes = Convert.FromBase64String(export.Document.Secrets);
        sealedBytes[^20] ^= 0x01;
        var altered = export.Document with { Secrets = Convert.ToBase64String(sealedBytes) };
        using (var damaged = await api.Client.PostAsJsonAsync("/api/v1/instances/import", new { document = altered, passphrase = Passphrase }, ApiClient.Json, Cancel))
        {
            var problem = await ApiClient.ProblemAsync(damaged, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("document.secrets", out _));
        }

        Assert.Empty(await api.GetAsync<List<InstanceResponse>>("/api/v1/instances"));
    }

    [Fact]
    public async Task A_short_passphrase_is_refused_before_anything_is_exported()
    {
        var world = await GitHubWorld.StartAsync(app: new FlowForgeApp(settings: SecretsWorld.Vault()));
        await using var scope = world;
        await world.AddInstanceAsync();

        using var response = await world.Api.Client.PostAsJsonAsync("/api/v1/instances/export", new { passphrase = "short" }, Cancel);

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("passphrase", out _));
    }

    [Fact]
    public async Task A_secret_its_store_no_longer_holds_is_reported_missing_and_the_import_says_what_is_needed()
    {
        // The memory store forgets on restart: the export cannot carry that token, and says so.
        var world = await GitHubWorld.StartAsync();
        await using var scope = world;
        await world.AddInstanceAsync();
        await world.App.DisposeAsync();
        await using var restarted = new FlowForgeApp(world.App.DataDirectory);
        var api = new ApiClient(restarted.CreateRecordingClient());

        var export = await ExportAsync(api, Passphrase);

        Assert.Equal(["token"], export.MissingSecrets[GitHubWorld.InstanceId]);
        await using var other = new FlowForgeApp(settings: SecretsWorld.Vault());
        var imported = Assert.Single((await ImportAsync(new ApiClient(other.CreateRecordingClient()), export.Document, Passphrase)).Instances);
        Assert.Equal(ImportOutcome.Invalid, imported.Status);
        Assert.True(imported.Errors!.ContainsKey("settings.token"));
    }

    internal static async Task<ExportInstancesResponse> ExportAsync(ApiClient api, string passphrase)
    {
        using var response = await api.Client.PostAsJsonAsync("/api/v1/instances/export", new { passphrase }, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<ExportInstancesResponse>(body, ApiClient.Json)!;
    }

    internal static async Task<ImportInstancesResponse> ImportAsync(ApiClient api, InstanceExportDocument document, string passphrase)
    {
        using var response = await api.Client.PostAsJsonAsync("/api/v1/instances/import", new { document, passphrase }, ApiClient.Json, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<ImportInstancesResponse>(body, ApiClient.Json)!;
    }
}
