using System.Net;
using System.Text.RegularExpressions;
using FlowForge.Server.Hosting;
using FlowForge.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Server.Tests.Access;

/// <summary>Listening beyond loopback: refused without API keys, and with them every endpoint wants a key.</summary>
public sealed partial class NetworkBindTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://0.0.0.0:5180")]
    [InlineData("http://192.0.2.10:5180")]
    [InlineData("http://[::]:5180")]
    [InlineData("http://127.0.0.1:5180;http://*:8080")]
    public void Without_api_keys_a_network_bind_is_refused_with_how_to_fix_it(string urls)
    {
        var builder = WebApplication.CreateBuilder(["--urls", urls]);

        var refused = Assert.Throws<InvalidOperationException>(() => ListenAddresses.Apply(builder));

        Assert.Contains("FlowForge__Auth__Mode=ApiKeys", refused.Message, StringComparison.Ordinal);
        Assert.Contains("keys create --name admin --role admin", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5180", "None")]
    [InlineData("http://localhost:5180;http://[::1]:5181", "None")]
    [InlineData("http://0.0.0.0:5180", "ApiKeys")]
    public void Loopback_binds_and_keyed_network_binds_are_allowed(string urls, string mode)
    {
        var builder = WebApplication.CreateBuilder(["--urls", urls, "--FlowForge:Auth:Mode", mode]);

        ListenAddresses.Apply(builder);
    }

    [Fact]
    public void The_real_start_up_refuses_a_network_bind_without_api_keys()
    {
        var directory = TempDirectory.Create();
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("urls", "http://0.0.0.0:0")
            .UseSetting("FlowForge:DataDirectory", directory));

        var refused = Assert.Throws<InvalidOperationException>(() => factory.Services);

        Assert.Contains("FlowForge__Auth__Mode=ApiKeys", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_mode_is_refused()
    {
        var builder = WebApplication.CreateBuilder(["--FlowForge:Auth:Mode", "Passwords"]);

        var refused = Assert.Throws<InvalidOperationException>(() => ListenAddresses.Apply(builder));

        Assert.Contains("None or ApiKeys", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_network_bind_every_endpoint_but_health_and_webhooks_answers_401_without_a_key()
    {
        await using var app = new FlowForgeApp(settings: new Dictionary<string, string?>
        {
            ["FlowForge:Auth:Mode"] = "ApiKeys",
            ["urls"] = "http://0.0.0.0:0",
        });
        app.UseKestrel();
        app.StartServer();
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        Assert.Equal("0.0.0.0", bound.Host);

        // Connect over loopback: it is not exempt, which is the point (a proxy on this host would look local).
        using var client = new HttpClient { BaseAddress = new UriBuilder(bound) { Host = "127.0.0.1" }.Uri };
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var checkedCount = 0;
        foreach (var endpoint in endpoints)
        {
            var path = "/" + Parameter().Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), "sample");
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancel);
                var what = $"{method} {path} ({endpoint.DisplayName})";
                if (path == "/health")
                {
                    Assert.True(response.StatusCode == HttpStatusCode.OK, what);
                }
                else if (path.StartsWith("/hooks/", StringComparison.Ordinal))
                {
                    // Webhooks authenticate by the provider's signature: no instance 'sample', so 404, never a key challenge.
                    Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{what}: {response.StatusCode}");
                    Assert.Empty(response.Headers.WwwAuthenticate);
                }
                else if (OpenForSigningIn(endpoint, path))
                {
                    // The sign-in page and the files it is drawn with answer anyone, and never open a session by themselves.
                    Assert.True(response.StatusCode != HttpStatusCode.Unauthorized, what);
                    Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("flowforge_session=", StringComparison.Ordinal));
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what} answered {(int)response.StatusCode}");
                    Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    checkedCount++;
                }
            }
        }

        Assert.True(checkedCount >= 25, $"Only {checkedCount} endpoints were checked.");
    }

    private static bool OpenForSigningIn(RouteEndpoint endpoint, string path) =>
        path == "/signin" || endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null;

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
