using System.Net;
using System.Net.Http.Json;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Access;

/// <summary>Viewer reads, operator also acts, admin also administers; each refusal is a 403 problem saying what is needed.</summary>
public sealed class RoleTests : IAsyncLifetime
{
    private AccessWorld _world = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await AccessWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    public static TheoryData<string, string> Reads => new()
    {
        { "GET", "/api/v1/providers" },
        { "GET", "/api/v1/instances" },
        { "GET", "/api/v1/instances/acme" },
        { "GET", "/api/v1/instances/acme/health" },
        { "GET", "/api/v1/instances/acme/sync" },
        { "GET", "/api/v1/pipelines" },
        { "GET", "/api/v1/pipelines/acme/ci" },
        { "GET", "/api/v1/pipelines/acme/ci/runs" },
        { "GET", "/openapi/v1.json" },
        { "GET", "/api" },
    };

    public static TheoryData<string, string> AdminOnly => new()
    {
        { "PATCH", "/api/v1/instances/acme" },
        { "DELETE", "/api/v1/instances/acme" },
        { "POST", "/api/v1/instances" },
        { "POST", "/api/v1/instances/acme/validate" },
        { "GET", "/api/v1/instances/acme/sources" },
        { "GET", "/api/v1/instances/acme/webhooks" },
        { "GET", "/api/v1/keys" },
        { "POST", "/api/v1/keys" },
        { "DELETE", "/api/v1/keys/aaaaaaaaaaaa" },
        { "GET", "/api/v1/audit" },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task A_viewer_reads(string method, string path)
    {
        using var viewer = _world.Client(await _world.KeyAsync("watcher", "viewer"));

        using var response = await viewer.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancel);

        // The reference page redirects to its canonical address; anything below 400 is access granted.
        Assert.True((int)response.StatusCode < 400, $"{method} {path} answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_viewer_may_not_sync_now()
    {
        using var viewer = _world.Client(await _world.KeyAsync("watcher", "viewer"));

        using var response = await viewer.PostAsync("/api/v1/instances/acme/sync", null, Cancel);

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("operator", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AdminOnly))]
    public async Task Viewers_and_operators_may_not_administer(string method, string path)
    {
        foreach (var role in new[] { "viewer", "operator" })
        {
            using var client = _world.Client(await _world.KeyAsync(role, role));

            using var response = await client.SendAsync(Request(method, path), Cancel);

            var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.Forbidden);
            Assert.Contains("admin", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_operator_may_sync_now()
    {
        using var operatorClient = _world.Client(await _world.KeyAsync("deployer", "operator"));

        using var response = await operatorClient.PostAsync("/api/v1/instances/acme/sync", null, Cancel);

        // The provider is unreachable here; what matters is that access control let the call through.
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_may_do_everything()
    {
        var admin = _world.Admin;
        using var keys = await admin.GetAsync("/api/v1/keys", Cancel);
        using var audit = await admin.GetAsync("/api/v1/audit", Cancel);
        using var webhooks = await admin.GetAsync("/api/v1/instances/acme/webhooks", Cancel);
        using var patch = await admin.PatchAsJsonAsync("/api/v1/instances/acme", new { displayName = "Acme" }, Cancel);
        using var created = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "ci", role = "operator" }, Cancel);
        using var removed = await admin.DeleteAsync("/api/v1/instances/zeta", Cancel);
        using var sync = await admin.PostAsync("/api/v1/instances/acme/sync", null, Cancel);

        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, webhooks.StatusCode);
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, sync.StatusCode);
    }

    [Fact]
    public async Task An_admin_limited_to_instances_administers_those_but_not_keys_or_the_audit_log()
    {
        using var scopedAdmin = _world.Client(await _world.KeyAsync("acme-admin", "admin", "acme"));

        using var patch = await scopedAdmin.PatchAsJsonAsync("/api/v1/instances/acme", new { displayName = "Acme" }, Cancel);
        using var keys = await scopedAdmin.GetAsync("/api/v1/keys", Cancel);
        using var audit = await scopedAdmin.GetAsync("/api/v1/audit", Cancel);
        using var mint = await scopedAdmin.PostAsJsonAsync("/api/v1/keys", new { name = "everything", role = "admin" }, Cancel);

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        await ApiClient.ProblemAsync(keys, HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(audit, HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(mint, HttpStatusCode.Forbidden);
    }

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path) { Content = method is "POST" or "PATCH" ? JsonContent.Create(new { }) : null };
}
