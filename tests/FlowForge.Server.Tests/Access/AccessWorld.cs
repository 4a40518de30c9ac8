using System.Net.Http.Headers;
using System.Net.Http.Json;
using FlowForge.Abstractions.Domain;
using FlowForge.Core.Access;
using FlowForge.Core.Persistence;
using FlowForge.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Server.Tests.Access;

/// <summary>
/// The server with API keys required, two GitHub instances (acme, zeta) with a pipeline each, and keys made straight
/// through the key service. The instances point at a closed loopback port: nothing here needs a provider to answer.
/// </summary>
public sealed class AccessWorld : IAsyncDisposable
{
    public const string Token = "access-token-not-real-7";
    public static readonly Uri ClosedPort = new("http://127.0.0.1:9/");

    private AccessWorld(FlowForgeApp app, FakeTimeProvider time)
    {
        App = app;
        Time = time;
    }

    public FlowForgeApp App { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Admin { get; private set; } = null!;

    public static async Task<AccessWorld> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var all = new Dictionary<string, string?>(StringComparer.Ordinal) { ["FlowForge:Auth:Mode"] = "ApiKeys" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var world = new AccessWorld(new FlowForgeApp(settings: all, time: time), time);
        world.Admin = world.Client(await world.KeyAsync("root", "admin", expiresInDays: 730));
        foreach (var id in new[] { "acme", "zeta" })
        {
            using var response = await world.Admin.PostAsJsonAsync(
                "/api/v1/instances",
                new { id, kind = "github", settings = new Dictionary<string, string> { ["baseUrl"] = ClosedPort.ToString(), ["token"] = Token } },
                TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
            await world.App.Services.GetRequiredService<ISyncStore>().ReplacePipelinesAsync(
                id, [new Pipeline(new PipelineKey(id, "ci"), "CI", $"{id}/api", "main", null, null, Pipeline.NoExtras)], TestContext.Current.CancellationToken);
        }

        return world;
    }

    /// <summary>A new key's full token.</summary>
    public Task<string> KeyAsync(string name, string role, params string[] instances) => KeyAsync(name, role, null, instances);

    public async Task<string> KeyAsync(string name, string role, int? expiresInDays, params string[] instances)
    {
        var keys = App.Services.GetRequiredService<ApiKeyService>();
        var created = await keys.CreateAsync(new ApiKeyDraft(name, role, expiresInDays, instances), "test", TestContext.Current.CancellationToken);
        return created.Token;
    }

    /// <summary>A recording client sending <paramref name="token"/> as its bearer key (none when null).</summary>
    public HttpClient Client(string? token)
    {
        var client = App.CreateRecordingClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
