using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FlowForge.Emulators.GitHub;
using FlowForge.Emulators.Tests.Infrastructure;

namespace FlowForge.Emulators.Tests;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task A_request_without_a_token_gets_401_requires_authentication()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(emulator, token: null);

        using var response = await client.GetAsync("user", TestContext.Current.CancellationToken);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "Requires authentication");
    }

    [Theory]
    [InlineData("Bearer", "not-a-token")]
    [InlineData("token", "not-a-token")]
    [InlineData("Basic", "bm90OmJhZA==")]
    [InlineData("Digest", GitHubEmulator.DefaultToken)]
    public async Task An_unknown_token_or_scheme_gets_401_bad_credentials(string scheme, string value)
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(emulator, token: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme, value);

        using var response = await client.GetAsync("repos/acme/none", TestContext.Current.CancellationToken);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "Bad credentials");
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("token")]
    [InlineData("Basic")]
    public async Task A_known_token_is_accepted_in_every_scheme_GitHub_accepts(string scheme)
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(emulator, token: null);
        var value = scheme == "Basic" ? Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + GitHubEmulator.DefaultToken)) : GitHubEmulator.DefaultToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme, value);

        var user = await client.GetJsonAsync("user");

        Assert.Equal("octocat", user.GetProperty("login").GetString());
    }

    [Fact]
    public async Task Configured_tokens_map_to_their_users_and_a_revoked_token_is_rejected()
    {
        await using var emulator = await GitHubEmulator.StartAsync(
            new GitHubEmulatorOptions { Tokens = new Dictionary<string, string> { ["t-alice"] = "alice", ["t-bob"] = "bob" } },
            TestContext.Current.CancellationToken);
        using var alice = EmulatorClient.Create(emulator, "t-alice");
        using var bob = EmulatorClient.Create(emulator, "t-bob");

        Assert.Equal("alice", (await alice.GetJsonAsync("user")).GetProperty("login").GetString());
        using var scopes = await bob.GetAsync("user", TestContext.Current.CancellationToken);
        Assert.Equal("repo, workflow", scopes.Header("X-OAuth-Scopes"));

        Assert.True(emulator.Scenario.RevokeToken("t-bob"));
        using var revoked = await bob.GetAsync("user", TestContext.Current.CancellationToken);
        await AssertErrorAsync(revoked, HttpStatusCode.Unauthorized, "Bad credentials");
        using var defaultToken = EmulatorClient.Create(emulator);
        using var unknown = await defaultToken.GetAsync("user", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task An_unsupported_api_version_gets_400_and_a_supported_one_is_echoed()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(emulator);
        client.DefaultRequestHeaders.Remove("X-GitHub-Api-Version");

        using var defaulted = await client.GetAsync("user", TestContext.Current.CancellationToken);
        Assert.Equal("2022-11-28", defaulted.Header("x-github-api-version-selected"));

        client.DefaultRequestHeaders.Add("X-GitHub-Api-Version", "2026-03-10");
        using var newer = await client.GetAsync("user", TestContext.Current.CancellationToken);
        Assert.Equal("2026-03-10", newer.Header("x-github-api-version-selected"));

        client.DefaultRequestHeaders.Remove("X-GitHub-Api-Version");
        client.DefaultRequestHeaders.Add("X-GitHub-Api-Version", "1999-01-01");
        using var unsupported = await client.GetAsync("user", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
    }

    internal static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Header("Content-Type"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(message, body.RootElement.GetProperty("message").GetString());
        Assert.StartsWith("https://docs.github.com/rest", body.RootElement.GetProperty("documentation_url").GetString(), StringComparison.Ordinal);
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), body.RootElement.GetProperty("status").GetString());
    }
}
