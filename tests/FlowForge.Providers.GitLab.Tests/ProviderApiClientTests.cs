using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Serialization;
using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitLab.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Providers.GitLab.Tests;

/// <summary><see cref="ProviderApiClient"/>: the request path the GitHub, GitLab, Buildkite (and in part Jenkins) clients share.</summary>
public sealed class ProviderApiClientTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_conditional_get_sends_the_validator_and_reuses_the_cached_body_and_next_link_on_304()
    {
        var stub = new StubHandler()
            .Answer(HttpStatusCode.OK, """{"name":"first"}""", configure: response =>
            {
                response.Headers.ETag = new EntityTagHeaderValue("\"v1\"");
                response.Headers.Add("Link", "<https://api.example/v1/things?page=2>; rel=\"next\"");
            })
            .Answer(HttpStatusCode.NotModified, "");
        var client = new SampleClient(stub);

        var fresh = await client.GetThingAsync(conditional: true);
        var reused = await client.GetThingAsync(conditional: true);

        Assert.Equal(("first", HttpStatusCode.OK), (fresh.Value.Name, fresh.Status));
        Assert.Equal(("first", HttpStatusCode.NotModified), (reused.Value.Name, reused.Status));
        Assert.Equal(new Uri("https://api.example/v1/things?page=2"), reused.NextLink);
        Assert.Equal("\"v1\"", Assert.Single(stub.Requests.Last().Headers.IfNoneMatch).ToString());
        Assert.Equal("Bearer", stub.Requests.Last().Headers.Authorization?.Scheme);
        Assert.Equal("FlowForge", stub.Requests.Last().Headers.UserAgent.First().Product?.Name);
        Assert.Equal(1, client.CachedResponses);
    }

    [Fact]
    public async Task A_body_that_failed_to_read_is_not_kept()
    {
        var stub = new StubHandler().Answer(HttpStatusCode.OK, "null", configure: response => response.Headers.ETag = new EntityTagHeaderValue("\"v1\""));
        var client = new SampleClient(stub);

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetThingAsync(conditional: true));

        Assert.Equal((ProviderErrorKind.BadResponse, "Sample answered GET /things with JSON null instead of a document."), (error.Kind, error.Message));
        Assert.Equal(0, client.CachedResponses);
    }

    [Fact]
    public async Task Same_origin_redirects_are_followed_only_when_the_provider_allows_them()
    {
        static void MovedHome(HttpResponseMessage response) => response.Headers.Location = new Uri("https://api.example/v1/moved");
        var following = new StubHandler().Answer(HttpStatusCode.MovedPermanently, "", configure: MovedHome).Answer(HttpStatusCode.OK, """{"name":"moved"}""");
        var refusing = new StubHandler().Answer(HttpStatusCode.MovedPermanently, "", configure: MovedHome);
        var away = new StubHandler().Answer(HttpStatusCode.Found, "", configure: response => response.Headers.Location = new Uri("https://elsewhere.example/x"));

        Assert.Equal("moved", (await new SampleClient(following, followsRedirects: true).GetThingAsync(conditional: false)).Value.Name);
        var refused = await Assert.ThrowsAsync<ProviderException>(() => new SampleClient(refusing).GetThingAsync(conditional: false));
        var foreign = await Assert.ThrowsAsync<ProviderException>(() => new SampleClient(away, followsRedirects: true).GetThingAsync(conditional: false));

        Assert.Equal((ProviderErrorKind.BadResponse, 301), (refused.Kind, refused.UpstreamStatusCode));
        Assert.Equal(ProviderErrorKind.BadResponse, foreign.Kind);
        Assert.Single(away.Requests);
    }

    [Fact]
    public async Task The_tightest_budget_an_answer_shows_is_reported()
    {
        var stub = new StubHandler().Answer(HttpStatusCode.OK, """{"name":"a"}""", configure: response =>
        {
            response.Headers.Add("RateLimit-Limit", "1000");
            response.Headers.Add("RateLimit-Remaining", "700");
            response.Headers.Add("RateLimit-User-Limit", "200");
            response.Headers.Add("RateLimit-User-Remaining", "150");
        });
        var observer = new RecordingRateLimitObserver();

        await new SampleClient(stub, rateLimits: observer).GetThingAsync(conditional: false);

        Assert.Equal((200, 150), (Assert.Single(observer.Snapshots).Limit, observer.Snapshots.Single().Remaining));
    }

    [Fact]
    public async Task Transport_failures_become_provider_exceptions_naming_method_and_path_only()
    {
        var client = new SampleClient(new FailingHandler());

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetThingAsync(conditional: false));

        Assert.Equal(ProviderErrorKind.Unavailable, error.Kind);
        Assert.StartsWith("Could not reach Sample for GET /things", error.Message, StringComparison.Ordinal);
    }

    internal sealed record ThingDto(string Name);

    private sealed class SampleClient(HttpMessageHandler handler, bool followsRedirects = false, IRateLimitObserver? rateLimits = null)
        : ProviderApiClient(
            new SingleClientFactory(handler),
            "sample",
            "Sample",
            ApiRoot.TryParse("https://api.example/v1")!,
            rateLimits ?? new RecordingRateLimitObserver(),
            new FakeTimeProvider(),
            NullLogger.Instance)
    {
        private readonly bool _followsRedirects = followsRedirects;

        protected override bool FollowsRedirects => _followsRedirects;

        protected override IReadOnlyList<RateLimitHeaderNames> RateLimitBudgets { get; } =
        [
            RateLimitHeaderNames.Draft(RateLimitReset.SecondsFromNow),
            new("RateLimit-User-Limit", "RateLimit-User-Remaining", "RateLimit-User-Reset", RateLimitReset.SecondsFromNow),
        ];

        public Task<ApiResponse<ThingDto>> GetThingAsync(bool conditional) =>
            GetAsync(Root.Resolve("things"), SampleJsonContext.Default.ThingDto, conditional, Cancel);

        protected override void Authorize(HttpRequestMessage request) =>
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "t0ken-not-real");

        protected override Task<ProviderException> CreateErrorAsync(
            HttpResponseMessage response, string display, Func<HttpStatusCode, string?, bool>? refusal, CancellationToken cancellationToken) =>
            Task.FromResult(new ProviderException(ProviderFailures.KindOf(response.StatusCode), display) { UpstreamStatusCode = (int)response.StatusCode });
    }

    private sealed class SingleClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    private sealed class FailingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("connection refused");
    }
}

[JsonSerializable(typeof(ProviderApiClientTests.ThingDto))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
internal sealed partial class SampleJsonContext : JsonSerializerContext;
