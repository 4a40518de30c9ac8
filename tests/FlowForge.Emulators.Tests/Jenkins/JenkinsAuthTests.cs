using System.Net;
using FlowForge.Emulators.Jenkins;

namespace FlowForge.Emulators.Tests.Jenkins;

/// <summary>HTTP Basic with API tokens, anonymous access, and the CSRF crumb bound to its session.</summary>
public sealed class JenkinsAuthTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Wrong_credentials_get_401_and_none_are_anonymous_which_may_not_read()
    {
        await using var emulator = await JenkinsEmulator.StartAsync(new JenkinsEmulatorOptions { Users = JenkinsClient.Users }, Cancel);
        using var wrong = JenkinsClient.Create(emulator, token: "wrong-token-not-real");
        using var anonymous = JenkinsClient.Create(emulator, user: null);

        using var refused = await wrong.GetAsync("api/json", Cancel);
        using var forbidden = await anonymous.GetAsync("api/json", Cancel);
        var whoAmI = await anonymous.JsonAsync("whoAmI/api/json");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Basic realm=\"Jenkins\"", refused.Headers.WwwAuthenticate.ToString());
        Assert.Contains("Invalid password/token for user: admin", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("anonymous", forbidden.Headers.GetValues("X-You-Are-Authenticated-As").Single());
        Assert.Equal("hudson.model.Hudson.Read", forbidden.Headers.GetValues("X-Required-Permission").Single());
        Assert.True(whoAmI.GetProperty("anonymous").GetBoolean());
    }

    [Fact]
    public async Task A_token_works_for_its_user_only_and_not_after_it_was_revoked()
    {
        await using var emulator = await JenkinsEmulator.StartAsync(new JenkinsEmulatorOptions { Users = JenkinsClient.Users }, Cancel);
        emulator.Scenario.AddUser("ci-bot", "bot-token-not-real");
        using var bot = JenkinsClient.Create(emulator, "ci-bot", "bot-token-not-real");
        using var impostor = JenkinsClient.Create(emulator, "admin", "bot-token-not-real");

        Assert.Equal("ci-bot", (await bot.JsonAsync("whoAmI/api/json")).GetProperty("name").GetString());
        using var mismatched = await impostor.GetAsync("api/json", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, mismatched.StatusCode);

        emulator.Scenario.RevokeToken("bot-token-not-real");
        using var revoked = await bot.GetAsync("api/json", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
    }

    [Fact]
    public async Task Anonymous_reads_when_anyone_may_read()
    {
        await using var emulator = await JenkinsEmulator.StartAsync(new JenkinsEmulatorOptions { Users = JenkinsClient.Users, AllowAnonymousRead = true }, Cancel);
        using var anonymous = JenkinsClient.Create(emulator, user: null);

        Assert.Equal("hudson.model.Hudson", (await anonymous.JsonAsync("api/json")).GetProperty("_class").GetString());
    }

    [Fact]
    public async Task When_crumbs_are_required_a_post_needs_the_crumb_and_the_session_it_was_issued_in()
    {
        await using var emulator = await JenkinsEmulator.StartAsync(new JenkinsEmulatorOptions { Users = JenkinsClient.Users, RequireCrumb = true }, Cancel);
        emulator.Scenario.AddFreestyleJob("docs");
        using var client = JenkinsClient.Create(emulator);

        using var withoutCrumb = await client.PostFormAsync("job/docs/build?delay=0sec");
        using var issued = await client.GetAsync("crumbIssuer/api/json", Cancel);
        var crumb = System.Text.Json.JsonDocument.Parse(await issued.Content.ReadAsStringAsync(Cancel)).RootElement;
        var cookie = issued.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        using var crumbAlone = new HttpRequestMessage(HttpMethod.Post, "job/docs/build?delay=0sec");
        crumbAlone.Headers.Add("Jenkins-Crumb", crumb.GetProperty("crumb").GetString());
        using var refused = await client.SendAsync(crumbAlone, Cancel);
        using var withSession = new HttpRequestMessage(HttpMethod.Post, "job/docs/build?delay=0sec");
        withSession.Headers.Add("Jenkins-Crumb", crumb.GetProperty("crumb").GetString());
        withSession.Headers.Add("Cookie", cookie);
        using var accepted = await client.SendAsync(withSession, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, withoutCrumb.StatusCode);
        Assert.Contains("No valid crumb was included in the request", await withoutCrumb.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(("hudson.security.csrf.DefaultCrumbIssuer", "Jenkins-Crumb"), (crumb.GetProperty("_class").GetString(), crumb.GetProperty("crumbRequestField").GetString()));
        Assert.StartsWith("JSESSIONID.", cookie, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal([false, true, true], emulator.Requests.Snapshot().Where(request => request.Method == "POST").Select(request => request.HadCrumb));
    }
}
