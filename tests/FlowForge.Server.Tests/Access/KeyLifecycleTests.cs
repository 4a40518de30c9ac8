using System.Net.Http.Json;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using FlowForge.Core.Access;
using FlowForge.Server.Contracts;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Access;

public sealed class KeyLifecycleTests : IAsyncLifetime
{
    private AccessWorld _world = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await AccessWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_new_key_is_shown_once_works_and_is_never_listed_with_its_secret_or_hash()
    {
        using var created = await _world.Admin.PostAsJsonAsync("/api/v1/keys", new { name = "ci bot", role = "operator", expiresInDays = 30 }, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = (await created.Content.ReadFromJsonAsync<CreatedKeyResponse>(ApiClient.Json, Cancel))!;
        Assert.StartsWith($"ffk_{body.Details.Id}_", body.Key, StringComparison.Ordinal);
        Assert.Equal("operator", body.Details.Role);
        Assert.Equal("active", body.Details.State);
        Assert.Equal(_world.Time.GetUtcNow().AddDays(30).ToUnixTimeMilliseconds(), body.Details.ExpiresAt.ToUnixTimeMilliseconds());
        Assert.Equal($"/api/v1/keys/{body.Details.Id}", created.Headers.Location?.OriginalString);

        using var client = _world.Client(body.Key);
        using var works = await client.GetAsync("/api/v1/pipelines", Cancel);
        Assert.Equal(HttpStatusCode.OK, works.StatusCode);

        Assert.True(ApiKeyToken.TryParse(body.Key, out _, out var secret));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        var list = await _world.Admin.GetStringAsync("/api/v1/keys", Cancel);
        var one = await _world.Admin.GetStringAsync($"/api/v1/keys/{body.Details.Id}", Cancel);
        foreach (var text in new[] { list, one })
        {
            Assert.Contains(body.Details.Id, text, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(hash), text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(hash), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once_and_stays_listed()
    {
        var token = await _world.KeyAsync("leaked", "viewer");
        using var client = _world.Client(token);
        using var before = await client.GetAsync("/api/v1/instances", Cancel);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var id = token.Split('_')[1];

        using var revoke = await _world.Admin.DeleteAsync($"/api/v1/keys/{id}", Cancel);
        using var again = await _world.Admin.DeleteAsync($"/api/v1/keys/{id}", Cancel);
        using var after = await client.GetAsync("/api/v1/instances", Cancel);

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        await ApiClient.ProblemAsync(after, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(after.Headers.WwwAuthenticate).Scheme);
        var listed = Assert.Single(await new ApiClient(_world.Admin).GetAsync<List<KeyResponse>>("/api/v1/keys"), key => key.Id == id);
        Assert.Equal("revoked", listed.State);
        Assert.StartsWith("root (", listed.RevokedBy, StringComparison.Ordinal);
        using var unknown = await _world.Admin.DeleteAsync("/api/v1/keys/nosuchkey000", Cancel);
        await ApiClient.ProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_expired_key_is_refused()
    {
        using var client = _world.Client(await _world.KeyAsync("short-lived", "viewer"));
        using var fresh = await client.GetAsync("/api/v1/instances", Cancel);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);

        _world.Time.Advance(TimeSpan.FromDays(90));
        using var expired = await client.GetAsync("/api/v1/instances", Cancel);

        await ApiClient.ProblemAsync(expired, HttpStatusCode.Unauthorized);
        var listed = await new ApiClient(_world.Admin).GetAsync<List<KeyResponse>>("/api/v1/keys");
        Assert.Equal("expired", Assert.Single(listed, key => key.Name == "short-lived").State);
    }

    [Fact]
    public async Task Use_is_recorded_at_most_once_a_minute()
    {
        var token = await _world.KeyAsync("busy", "viewer");
        using var client = _world.Client(token);
        var api = new ApiClient(_world.Admin);

        using (await client.GetAsync("/api/v1/instances", Cancel))
        {
        }

        var first = Assert.Single(await api.GetAsync<List<KeyResponse>>("/api/v1/keys"), key => key.Name == "busy").LastUsedAt;
        _world.Time.Advance(TimeSpan.FromSeconds(30));
        using (await client.GetAsync("/api/v1/instances", Cancel))
        {
        }

        var unchanged = Assert.Single(await api.GetAsync<List<KeyResponse>>("/api/v1/keys"), key => key.Name == "busy").LastUsedAt;
        _world.Time.Advance(TimeSpan.FromSeconds(31));
        using (await client.GetAsync("/api/v1/instances", Cancel))
        {
        }

        var later = Assert.Single(await api.GetAsync<List<KeyResponse>>("/api/v1/keys"), key => key.Name == "busy").LastUsedAt;
        Assert.NotNull(first);
        Assert.Equal(first, unchanged);
        Assert.True(later > first);
    }

    [Theory]
    [InlineData("""{"name":"","role":"admin"}""", "name")]
    [InlineData("""{"name":"x","role":"root"}""", "role")]
    [InlineData("""{"name":"x","role":"viewer","expiresInDays":731}""", "expiresInDays")]
    [InlineData("""{"name":"x","role":"viewer","expiresInDays":0}""", "expiresInDays")]
    [InlineData("""{"name":"x","role":"viewer","instances":["Not An Id"]}""", "instances")]
    public async Task Invalid_keys_are_refused_with_the_field_named(string json, string field)
    {
        using var response = await _world.Admin.PostAsync("/api/v1/keys", new StringContent(json, Encoding.UTF8, "application/json"), Cancel);

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("Bearer ffk_aaaaaaaaaaaa_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Bearer not-a-key")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task A_wrong_key_is_refused_like_a_missing_one(string header)
    {
        using var client = _world.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/instances");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await client.SendAsync(request, Cancel);

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Contains("not valid", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
