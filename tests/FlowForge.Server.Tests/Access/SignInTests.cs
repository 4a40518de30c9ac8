using System.Net;
using System.Text.RegularExpressions;
using FlowForge.Core.Access;
using FlowForge.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowForge.Server.Tests.Access;

/// <summary>The browser's way in when keys are required: a key traded for a session cookie on the sign-in page.</summary>
public sealed partial class SignInTests : IAsyncLifetime
{
    private const string SessionCookie = "flowforge_session";
    private AccessWorld _world = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await AccessWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_browser_asking_for_a_page_without_a_session_is_sent_to_the_sign_in_page_with_where_it_was_going()
    {
        using var browser = Browser();

        using var response = await browser.GetAsync("/radiator?instance=acme", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Fradiator%3Finstance%3Dacme", Target(response));
    }

    [Fact]
    public async Task Api_calls_without_credentials_still_get_a_401_problem_even_from_a_browser()
    {
        using var browser = Browser();

        foreach (var path in new[] { "/api/v1/pipelines", "/openapi/v1.json" })
        {
            using var response = await browser.GetAsync(path, Cancel);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using var client = _world.Client(null);
        using var page = await client.GetAsync("/", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
    }

    [Fact]
    public async Task A_valid_key_signs_in_with_a_strict_http_only_cookie_and_the_page_shows_what_the_key_may_see()
    {
        var token = await _world.KeyAsync("ada", "viewer", "acme");
        using var browser = Browser();

        using var signedIn = await SignInAsync(browser, token, "/signin?returnUrl=%2F%3Fstatus%3Dfailed");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/?status=failed", Target(signedIn));
        var cookie = Assert.Single(SetCookies(signedIn), c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(token, cookie, StringComparison.Ordinal);

        using var page = await browser.GetAsync("/", Cancel);
        var html = await page.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(">Pipelines</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Showing 1 of 1 pipeline", html, StringComparison.Ordinal);
        Assert.Contains("data-pipeline-key=\"acme/ci\"", html, StringComparison.Ordinal);
        Assert.Contains("ada · viewer", html, StringComparison.Ordinal);
        Assert.Contains("Sign out", html, StringComparison.Ordinal);
        Assert.DoesNotContain("zeta", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_https_the_session_cookie_is_secure()
    {
        var token = await _world.KeyAsync("ada", "viewer");
        using var browser = Browser(new Uri("https://localhost"));

        using var signedIn = await SignInAsync(browser, token, "/signin");

        Assert.Contains("secure", Assert.Single(SetCookies(signedIn), c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wrong_key_shows_an_error_sets_no_session_and_is_logged_without_the_key()
    {
        var token = await _world.KeyAsync("ada", "viewer");
        var wrong = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using var browser = Browser();

        using var refused = await SignInAsync(browser, wrong, "/signin");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("That key was not accepted", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.DoesNotContain(SetCookies(refused), c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal));
        using var page = await browser.GetAsync("/", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);

        var logged = Assert.Single(_world.App.Logs.GetSnapshot(), record => record.Message.Contains("Refused a dashboard sign-in", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Contains("WrongSecret", logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.App.Logs.GetSnapshot(), record => record.Message.Contains(wrong[^20..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_revoked_keys_session_ends_within_a_minute_and_a_half()
    {
        var token = await _world.KeyAsync("leaked", "viewer");
        using var browser = Browser();
        using (await SignInAsync(browser, token, "/signin"))
        {
        }

        using (var before = await browser.GetAsync("/", Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await _world.App.Services.GetRequiredService<ApiKeyService>().RevokeAsync(token.Split('_')[1], "test", Cancel);
        _world.Time.Advance(TimeSpan.FromSeconds(90));

        using var after = await browser.GetAsync("/", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/signin", Target(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_form_needs_its_antiforgery_token()
    {
        var token = await _world.KeyAsync("ada", "viewer");
        using var browser = Browser();

        using var response = await browser.PostAsync("/signin", Form(("_handler", "signin"), ("Input.Key", token)), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(SetCookies(response), c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_return_address_stays_on_this_site()
    {
        var token = await _world.KeyAsync("ada", "viewer");
        using var browser = Browser();

        using var signedIn = await SignInAsync(browser, token, "/signin?returnUrl=%2F%2Fevil.example%2F");

        Assert.Equal("/", Target(signedIn));
    }

    [Fact]
    public async Task A_session_reads_but_does_not_change_anything_through_the_api()
    {
        var token = await _world.KeyAsync("root2", "admin");
        using var browser = Browser();
        using (await SignInAsync(browser, token, "/signin"))
        {
        }

        using var read = await browser.GetAsync("/api/v1/instances", Cancel);
        using var change = await browser.PostAsync("/api/v1/instances/acme/sync", null, Cancel);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, change.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_needs_the_forms_token()
    {
        var token = await _world.KeyAsync("ada", "viewer");
        using var browser = Browser();
        using (await SignInAsync(browser, token, "/signin"))
        {
        }

        using var page = await browser.GetAsync("/", Cancel);
        var antiforgery = AntiforgeryToken(await page.Content.ReadAsStringAsync(Cancel));
        using var forged = await browser.PostAsync("/signout", Form(), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        using var signedOut = await browser.PostAsync("/signout", Form(("__RequestVerificationToken", antiforgery)), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/signin", Target(signedOut));
        using var after = await browser.GetAsync("/", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task Without_keys_the_sign_in_page_just_goes_home()
    {
        await using var app = new FlowForgeApp();
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await browser.GetAsync("/signin?returnUrl=%2Fradiator", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/radiator", Target(response));
    }

    /// <summary>A client that keeps cookies, does not follow redirects and says it wants HTML, like a browser.</summary>
    private HttpClient Browser(Uri? baseAddress = null)
    {
        var client = _world.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = baseAddress ?? new Uri("http://localhost") });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        return client;
    }

    /// <summary>Where a redirect goes, as a path on this site; a redirect elsewhere fails the test.</summary>
    private static string Target(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"{(int)response.StatusCode} has no Location.");
        if (!location.IsAbsoluteUri)
        {
            return location.OriginalString;
        }

        Assert.Equal("localhost", location.Host);
        return location.PathAndQuery;
    }

    /// <summary>Opens the sign-in page at <paramref name="address"/> and posts its form with the key, as a person would.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string key, string address)
    {
        using var form = await browser.GetAsync(address, Cancel);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync(Cancel);
        return await browser.PostAsync(address, Form(("_handler", "signin"), ("__RequestVerificationToken", AntiforgeryToken(html)), ("Input.Key", key)), Cancel);
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value)));

    private static string AntiforgeryToken(string html) =>
        WebUtility.HtmlDecode(AntiforgeryField().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token in the page."));

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
