using System.Net.Http.Json;
using System.Net;
using FlowForge.Core.Access;
using FlowForge.Core.Auditing;
using FlowForge.Server.Contracts;
using FlowForge.Server.Tests.Access;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Auditing;

/// <summary>Each audited call leaves exactly one entry, with the right actor, outcome and status, and never a secret.</summary>
public sealed class AuditTrailTests
{
    private const string FirstToken = "audit-token-not-real-1";
    private const string RotatedToken = "audit-rotated-not-real-2";
    private const string WebhookSecret = "audit-hook-not-real-3";
    private static readonly string[] AcmeOnly = ["acme"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Instance_administration_is_recorded_once_per_call_without_secret_values()
    {
        await using var app = new FlowForgeApp();
        using var client = app.CreateRecordingClient();

        using (var add = await client.PostAsJsonAsync(
            "/api/v1/instances",
            new
            {
                id = "acme",
                kind = "github",
                settings = new Dictionary<string, string> { ["baseUrl"] = AccessWorld.ClosedPort.ToString(), ["token"] = FirstToken, ["webhookSecret"] = WebhookSecret },
            },
            Cancel))
        {
            Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        }

        using (var invalid = await client.PostAsJsonAsync("/api/v1/instances", new { id = "Bad Id", kind = "github", settings = new { token = FirstToken } }, Cancel))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }

        using (var update = await client.PatchAsJsonAsync("/api/v1/instances/acme", new { displayName = "Acme", settings = new { token = RotatedToken } }, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        }

        using (var validate = await client.PostAsync("/api/v1/instances/acme/validate", null, Cancel))
        {
            Assert.True(validate.StatusCode >= HttpStatusCode.BadRequest, $"validate answered {validate.StatusCode}");
        }

        using (var remove = await client.DeleteAsync("/api/v1/instances/acme", Cancel))
        {
            Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        }

        var entries = (await new ApiClient(client).GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit")).Items;

        Assert.Equal(
            [AuditActions.InstanceRemove, AuditActions.InstanceValidate, AuditActions.InstanceUpdate, AuditActions.InstanceAdd, AuditActions.InstanceAdd],
            entries.Select(entry => entry.Action));
        Assert.All(entries, entry => Assert.Equal("local", entry.Actor));
        Assert.All(entries, entry => Assert.Null(entry.ActorKeyId));
        var (removed, validated, updated, rejected, added) = (entries[0], entries[1], entries[2], entries[3], entries[4]);
        Assert.Equal((AuditOutcomes.Succeeded, 201, "acme"), (added.Outcome, added.StatusCode, added.InstanceId));
        Assert.Equal("***", added.Parameters["settings.token"]);
        Assert.Equal("***", added.Parameters["settings.webhookSecret"]);
        Assert.Equal(AccessWorld.ClosedPort.ToString(), added.Parameters["settings.baseUrl"]);
        Assert.Equal((AuditOutcomes.Failed, 400), (rejected.Outcome, rejected.StatusCode));
        Assert.Contains("id", rejected.Detail, StringComparison.Ordinal);
        Assert.Equal((AuditOutcomes.Succeeded, 200, "acme"), (updated.Outcome, updated.StatusCode, updated.InstanceId));
        Assert.Equal("***", updated.Parameters["settings.token"]);
        Assert.Equal("Acme", updated.Parameters["displayName"]);
        Assert.Equal(AuditOutcomes.Failed, validated.Outcome);
        Assert.True(validated.StatusCode >= 500);
        Assert.False(string.IsNullOrEmpty(validated.Detail));
        Assert.Equal((AuditOutcomes.Succeeded, 204, "acme"), (removed.Outcome, removed.StatusCode, removed.InstanceId));

        // The audit answer went through the recording client: the app's leak check covers it as well.
        var everything = string.Join('\n', entries.Select(entry => $"{entry.Detail} {string.Join(' ', entry.Parameters)}"));
        foreach (var secret in new[] { FirstToken, RotatedToken, WebhookSecret })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Refusals_of_audited_actions_are_recorded_once_and_reads_are_not_recorded()
    {
        await using var world = await AccessWorld.StartAsync();
        using var viewer = world.Client(await world.KeyAsync("watcher", "viewer"));
        using var scoped = world.Client(await world.KeyAsync("acme-ops", "operator", "acme"));
        using var anonymous = world.Client(null);

        using (await viewer.GetAsync("/api/v1/instances/acme", Cancel))
        using (var forbidden = await viewer.PostAsync("/api/v1/instances/acme/sync", null, Cancel))
        using (var hidden = await scoped.PostAsync("/api/v1/instances/zeta/sync", null, Cancel))
        using (var unauthenticated = await anonymous.PostAsync("/api/v1/instances/acme/sync", null, Cancel))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        }

        var entries = (await new ApiClient(world.Admin).GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit?action=instance.sync")).Items;

        Assert.Equal(2, entries.Count);
        var (outOfScope, refused) = (entries[0], entries[1]);
        Assert.Equal(("watcher", AuditOutcomes.Refused, 403, "acme"), (refused.Actor, refused.Outcome, refused.StatusCode, refused.InstanceId));
        Assert.NotNull(refused.ActorKeyId);
        Assert.Equal(("acme-ops", AuditOutcomes.Refused, 404, "zeta"), (outOfScope.Actor, outOfScope.Outcome, outOfScope.StatusCode, outOfScope.InstanceId));
    }

    [Fact]
    public async Task Key_creation_and_revocation_are_recorded_with_the_admin_as_actor_and_no_key()
    {
        await using var world = await AccessWorld.StartAsync();

        using var created = await world.Admin.PostAsJsonAsync("/api/v1/keys", new { name = "deployer", role = "operator", instances = AcmeOnly }, Cancel);
        var key = (await created.Content.ReadFromJsonAsync<CreatedKeyResponse>(ApiClient.Json, Cancel))!;
        using (await world.Admin.DeleteAsync($"/api/v1/keys/{key.Details.Id}", Cancel))
        {
        }

        var api = new ApiClient(world.Admin);
        var creations = (await api.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit?action=key.create")).Items;
        var revocations = (await api.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit?action=key.revoke&actor=root")).Items;

        var creation = Assert.Single(creations);
        var revocation = Assert.Single(revocations);
        Assert.Equal(("root", AuditOutcomes.Succeeded, 201), (creation.Actor, creation.Outcome, creation.StatusCode));
        Assert.Equal(key.Details.Id, creation.Parameters["keyId"]);
        Assert.Equal(("operator", "acme"), (creation.Parameters["role"], creation.Parameters["instances"]));
        Assert.Null(creation.InstanceId);
        Assert.Equal((204, key.Details.Id), (revocation.StatusCode, revocation.Parameters["keyId"]));
        Assert.Null(revocation.InstanceId);
        Assert.True(ApiKeyToken.TryParse(key.Key, out _, out var secret));
        Assert.DoesNotContain(secret, string.Join(' ', creations.Concat(revocations).SelectMany(entry => entry.Parameters.Values)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_query_pages_newest_first_and_refuses_a_bad_cursor()
    {
        await using var app = new FlowForgeApp();
        using var client = app.CreateRecordingClient();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/v1/keys", new { name = $"key {i}", role = "viewer" }, Cancel);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var api = new ApiClient(client);
        var first = await api.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit?limit=3");
        var second = await api.GetAsync<PageResponse<AuditEntryResponse>>($"/api/v1/audit?limit=3&cursor={first.NextCursor}");
        using var bad = await client.GetAsync("/api/v1/audit?cursor=nonsense", Cancel);

        Assert.Equal(["key 4", "key 3", "key 2"], first.Items.Select(entry => entry.Parameters["name"]));
        Assert.Equal(["key 1", "key 0"], second.Items.Select(entry => entry.Parameters["name"]));
        Assert.Null(second.NextCursor);
        await ApiClient.ProblemAsync(bad, HttpStatusCode.BadRequest);
    }
}
