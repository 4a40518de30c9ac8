using System.Text;
using FlowForge.Abstractions.Providers;
using FlowForge.Emulators.Jenkins;
using FlowForge.Providers.Jenkins.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Providers.Jenkins.Tests;

/// <summary>How the client talks HTTP: credentials, context paths, redirects, rate-limit headers, and failures as kinds.</summary>
public sealed class HttpBehaviourTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_request_carries_basic_credentials_of_the_user_and_token_and_asks_for_json()
    {
        await using var server = await FakeHttpServer.StartAsync();
        server.Handler = context => context.Response.WriteAsJsonAsync(new { _class = "hudson.model.Hudson", jobs = Array.Empty<object>() });
        using var host = new JenkinsTestHost();

        await host.Connect(server.Url).ListSourcesAsync(Cancel);

        var headers = Assert.Single(server.Requests);
        var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{JenkinsTestHost.User}:{JenkinsTestHost.Token}"));
        Assert.Equal($"Basic {expected}", headers["Authorization"]);
        Assert.Equal("application/json", headers["Accept"]);
        Assert.StartsWith("FlowForge/", headers["User-Agent"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_context_path_is_kept_for_every_url()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync(options => new JenkinsEmulatorOptions { Users = options.Users, ContextPath = "/jenkins" });
        jenkins.Scenario.AddPipelineJob("team/api");

        var pipeline = await jenkins.PipelineAsync("team/api");
        await jenkins.Connection.ListRecentRunsAsync([pipeline], 5, Cancel);

        Assert.EndsWith("/jenkins/", jenkins.Emulator.BaseUrl.AbsoluteUri, StringComparison.Ordinal);
        Assert.All(jenkins.RequestLines(), line => Assert.StartsWith("GET /jenkins/", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_revoked_token_is_an_authentication_failure_that_names_no_secret()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.RevokeToken(JenkinsTestHost.Token);

        var error = await Assert.ThrowsAsync<ProviderException>(() => jenkins.Connection.ListSourcesAsync(Cancel));

        Assert.Equal((ProviderErrorKind.AuthenticationFailed, 401), (error.Kind, error.UpstreamStatusCode));
        Assert.Equal($"Jenkins answered 401 Unauthorized for GET /api/json: Invalid password/token for user: {JenkinsTestHost.User}.", error.Message);
        EmulatedJenkins.AssertNoToken(error);
    }

    [Fact]
    public async Task Anonymous_access_is_an_authentication_failure()
    {
        await using var server = await FakeHttpServer.StartAsync();
        server.Handler = context =>
        {
            context.Response.StatusCode = 403;
            context.Response.Headers["X-You-Are-Authenticated-As"] = "anonymous";
            return Task.CompletedTask;
        };
        using var host = new JenkinsTestHost();

        var error = await Assert.ThrowsAsync<ProviderException>(() => host.Connect(server.Url).ListSourcesAsync(Cancel));

        Assert.Equal(ProviderErrorKind.AuthenticationFailed, error.Kind);
        Assert.Contains("anonymous", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("too_many_requests", ProviderErrorKind.RateLimited, 429)]
    [InlineData("service_unavailable", ProviderErrorKind.Unavailable, 503)]
    public async Task Retry_after_tells_when_to_try_again(string kind, ProviderErrorKind expected, int status)
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Emulator.Faults.FailNext(1, kind == "too_many_requests" ? JenkinsFault.TooManyRequests(TimeSpan.FromSeconds(42)) : JenkinsFault.ServiceUnavailable(TimeSpan.FromSeconds(42)));

        var error = await Assert.ThrowsAsync<ProviderException>(() => jenkins.Connection.ListSourcesAsync(Cancel));

        Assert.Equal((expected, status), (error.Kind, error.UpstreamStatusCode));
        Assert.InRange(error.RetryAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(43));
    }

    [Fact]
    public async Task Server_errors_are_unavailable_and_malformed_json_a_bad_response()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Emulator.Faults.FailNext(1, JenkinsFault.ServerError);
        jenkins.Emulator.Faults.FailNext(1, JenkinsFault.MalformedJson);

        var unavailable = await Assert.ThrowsAsync<ProviderException>(() => jenkins.Connection.ListSourcesAsync(Cancel));
        var malformed = await Assert.ThrowsAsync<ProviderException>(() => jenkins.Connection.ListSourcesAsync(Cancel));

        Assert.Equal((ProviderErrorKind.Unavailable, "Jenkins answered 500 Internal Server Error for GET /api/json: Server Error."), (unavailable.Kind, unavailable.Message));
        Assert.Equal(ProviderErrorKind.BadResponse, malformed.Kind);
        Assert.StartsWith("Jenkins answered GET /api/json with JSON FlowForge cannot read", malformed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_item_is_not_found_and_messages_show_the_path_but_never_the_query()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();

        var error = await Assert.ThrowsAsync<ProviderException>(() => jenkins.Connection.GetRunAsync(JenkinsTestHost.Pipeline("nowhere/job"), "nowhere~job:3", Cancel));

        Assert.Equal(ProviderErrorKind.NotFound, error.Kind);
        Assert.Equal("Jenkins answered 404 Not Found for GET /job/nowhere/job/job/api/json.", error.Message);
    }

    [Fact]
    public async Task The_emulated_controller_reports_no_rate_limit_but_a_gateway_in_front_may()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        await jenkins.Connection.ListSourcesAsync(Cancel);
        Assert.Empty(jenkins.Host.RateLimits.Snapshots);

        await using var gateway = await FakeHttpServer.StartAsync();
        gateway.Handler = context =>
        {
            context.Response.Headers["RateLimit-Limit"] = "600";
            context.Response.Headers["RateLimit-Remaining"] = "598";
            context.Response.Headers["RateLimit-Reset"] = "30";
            return context.Response.WriteAsJsonAsync(new { jobs = Array.Empty<object>() });
        };
        using var host = new JenkinsTestHost();
        await host.Connect(gateway.Url).ListSourcesAsync(Cancel);

        var snapshot = Assert.Single(host.RateLimits.Snapshots);
        Assert.Equal((600, 598), (snapshot.Limit, snapshot.Remaining));
        Assert.InRange(snapshot.ResetsAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(31));
    }

    [Fact]
    public async Task A_redirect_to_another_host_is_not_followed_with_the_credentials()
    {
        await using var elsewhere = await FakeHttpServer.StartAsync();
        await using var server = await FakeHttpServer.StartAsync();
        server.Handler = context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = new Uri(elsewhere.Url, "api/json").AbsoluteUri;
            return Task.CompletedTask;
        };
        using var host = new JenkinsTestHost();

        var error = await Assert.ThrowsAsync<ProviderException>(() => host.Connect(server.Url).ListSourcesAsync(Cancel));

        Assert.Equal(ProviderErrorKind.BadResponse, error.Kind);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task Credentials_are_checked_with_who_am_i()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();

        var check = await jenkins.Connection.ValidateCredentialsAsync(Cancel);

        Assert.Equal((JenkinsTestHost.User, "authenticated"), (check.Identity, Assert.Single(check.GrantedPermissions)));
        Assert.Equal(["GET /whoAmI/api/json?tree=name%2Canonymous%2Cauthorities"], jenkins.RequestLines());
    }

    [Fact]
    public async Task A_request_treated_as_anonymous_fails_the_credential_check()
    {
        await using var server = await FakeHttpServer.StartAsync();
        server.Handler = context => context.Response.WriteAsJsonAsync(new { name = "anonymous", anonymous = true });
        using var host = new JenkinsTestHost();

        var error = await Assert.ThrowsAsync<ProviderException>(() => host.Connect(server.Url).ValidateCredentialsAsync(Cancel));

        Assert.Equal(ProviderErrorKind.AuthenticationFailed, error.Kind);
    }
}
