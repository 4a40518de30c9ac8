using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using FlowForge.Core.Auditing;
using FlowForge.Server.Contracts;
using FlowForge.Server.Tests.Access;
using FlowForge.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Server.Tests.Secrets;

/// <summary>Setting, rotating and deleting an instance's secrets one field at a time; what the API says about them.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class SecretsApiTests
{
    private const string Id = GitHubWorld.InstanceId;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_secret_field_says_whether_it_is_set_where_and_since_when_and_never_its_value()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
        var world = await GitHubWorld.StartAsync(app: new FlowForgeApp(settings: SecretsWorld.Vault(), time: time), time: time);
        await using var _ = world;
        await world.AddInstanceAsync();

        var secrets = await SecretsWorld.SecretsAsync(world.Api, Id);

        var token = Assert.Single(secrets, field => field.Field == "token");
        var webhook = Assert.Single(secrets, field => field.Field == "webhookSecret");
        Assert.Equal((true, true, "vault", (string?)null), (token.Required, token.IsSet, token.Store, token.Environment));
        Assert.Equal(time.GetUtcNow(), token.ChangedAt);
        Assert.Equal((false, false, (string?)null, (DateTimeOffset?)null), (webhook.Required, webhook.IsSet, webhook.Store, webhook.ChangedAt));
        Assert.DoesNotContain(secrets, field => field.Field is "owners" or "baseUrl");
    }

    [Fact]
    public async Task Set_rotate_reference_and_delete_through_the_secrets_endpoints()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
        var world = await GitHubWorld.StartAsync(app: new FlowForgeApp(settings: SecretsWorld.Vault(), time: time), time: time);
        await using var _ = world;
        await world.AddInstanceAsync();

        time.Advance(TimeSpan.FromHours(1));
        var hook = await SecretsWorld.SetAsync(world.Api, Id, "webhookSecret", "hook-secret-not-real");
        Assert.Equal(("vault", true, time.GetUtcNow()), (hook.Store, hook.IsSet, hook.ChangedAt));

        time.Advance(TimeSpan.FromHours(1));
        var rotated = await SecretsWorld.SetAsync(world.Api, Id, "token", GitHubWorld.Token);
        Assert.Equal(time.GetUtcNow(), rotated.ChangedAt);
        Assert.True((await world.Api.SyncAsync(Id)).Succeeded);

        var referenced = await SecretsWorld.SetAsync(world.Api, Id, "webhookSecret", "env:FLOWFORGE_TEST_HOOK_SECRET");
        Assert.Equal(("env", "FLOWFORGE_TEST_HOOK_SECRET"), (referenced.Store, referenced.Environment));

        using (var deleted = await world.Api.Client.DeleteAsync($"/api/v1/instances/{Id}/secrets/webhookSecret", Cancel))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var webhook = Assert.Single(await SecretsWorld.SecretsAsync(world.Api, Id), field => field.Field == "webhookSecret");
        Assert.Equal((false, (string?)null), (webhook.IsSet, webhook.Store));
        Assert.Empty(SecretsWorld.FilesHolding(world.App.DataDirectory, GitHubWorld.Token, "hook-secret-not-real"));
    }

    [Fact]
    public async Task Refusals_a_required_secret_an_unknown_field_and_an_empty_value_change_nothing()
    {
        var world = await GitHubWorld.StartAsync(app: new FlowForgeApp(settings: SecretsWorld.Vault()));
        await using var _ = world;
        await world.AddInstanceAsync();
        var before = await SecretsWorld.SecretsAsync(world.Api, Id);

        using (var required = await world.Api.Client.DeleteAsync($"/api/v1/instances/{Id}/secrets/token", Cancel))
        {
            var problem = await ApiClient.ProblemAsync(required, HttpStatusCode.Conflict);
            Assert.Contains("required", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var notSecret = await world.Api.Client.PutAsJsonAsync($"/api/v1/instances/{Id}/secrets/owners", new { value = "acme" }, Cancel))
        {
            await ApiClient.ProblemAsync(notSecret, HttpStatusCode.NotFound);
        }

        using (var noInstance = await world.Api.Client.PutAsJsonAsync("/api/v1/instances/nope/secrets/token", new { value = "x-not-real" }, Cancel))
        {
            await ApiClient.ProblemAsync(noInstance, HttpStatusCode.NotFound);
        }

        using (var empty = await world.Api.Client.PutAsJsonAsync($"/api/v1/instances/{Id}/secrets/token", new { value = " " }, Cancel))
        {
            await ApiClient.ProblemAsync(empty, HttpStatusCode.BadRequest);
        }

        Assert.Equal(before, await SecretsWorld.SecretsAsync(world.Api, Id));
        Assert.True((await world.Api.SyncAsync(Id)).Succeeded);
    }

    [Fact]
    public async Task Setting_and_deleting_are_audited_with_the_value_masked()
    {
        var world = await GitHubWorld.StartAsync(app: new FlowForgeApp(settings: SecretsWorld.Vault()));
        await using var _ = world;
        await world.AddInstanceAsync();

        await SecretsWorld.SetAsync(world.Api, Id, "webhookSecret", "audited-hook-not-real");
        using (await world.Api.Client.DeleteAsync($"/api/v1/instances/{Id}/secrets/webhookSecret", Cancel))
        {
        }

        var audit = await world.Api.GetAsync<PageResponse<AuditEntryResponse>>($"/api/v1/audit?instance={Id}");
        var set = Assert.Single(audit.Items, entry => entry.Action == AuditActions.SecretSet);
        var delete = Assert.Single(audit.Items, entry => entry.Action == AuditActions.SecretDelete);
        Assert.Equal(("webhookSecret", "***", AuditOutcomes.Succeeded), (set.Parameters["field"], set.Parameters["value"], set.Outcome));
        Assert.Equal(("webhookSecret", AuditOutcomes.Succeeded), (delete.Parameters["field"], delete.Outcome));
    }

    [Fact]
    public async Task Only_admins_manage_secrets_and_a_scoped_admin_only_its_own_instances()
    {
        await using var world = await AccessWorld.StartAsync();
        using var operatorClient = world.Client(await world.KeyAsync("ops", "operator"));
        using var scopedAdmin = world.Client(await world.KeyAsync("acme-admin", "admin", "acme"));

        using (var refused = await operatorClient.PutAsJsonAsync("/api/v1/instances/acme/secrets/token", new { value = "op-not-real" }, Cancel))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var listed = await operatorClient.GetAsync("/api/v1/instances/acme/secrets", Cancel))
        {
            Assert.Equal(HttpStatusCode.Forbidden, listed.StatusCode);
        }

        using (var own = await scopedAdmin.PutAsJsonAsync("/api/v1/instances/acme/secrets/token", new { value = "scoped-not-real" }, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        using (var other = await scopedAdmin.PutAsJsonAsync("/api/v1/instances/zeta/secrets/token", new { value = "scoped-not-real" }, Cancel))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }

        using (var export = await scopedAdmin.PostAsJsonAsync("/api/v1/instances/export", new { passphrase = "long-enough-passphrase" }, Cancel))
        {
            Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
        }
    }
}
