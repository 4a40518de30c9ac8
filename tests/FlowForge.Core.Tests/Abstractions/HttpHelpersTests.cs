using System.Net;
using System.Net.Http.Headers;
using FlowForge.Abstractions.Http;

namespace FlowForge.Core.Tests.Abstractions;

public sealed class HttpHelpersTests
{
    [Fact]
    public void Link_headers_as_GitHub_writes_them_are_read()
    {
        const string header = "<https://api.github.com/repositories/1/actions/runs?page=2>; rel=\"next\", <https://api.github.com/repositories/1/actions/runs?page=9>; rel=\"last\"";

        Assert.Equal("https://api.github.com/repositories/1/actions/runs?page=2", LinkHeader.Find(header, "next")!.ToString());
        Assert.Equal("https://api.github.com/repositories/1/actions/runs?page=9", LinkHeader.Find(header, "last")!.ToString());
        Assert.Null(LinkHeader.Find(header, "prev"));
        Assert.Null(LinkHeader.Find("garbage", "next"));
        Assert.Null(LinkHeader.Find(null, "next"));
    }

    [Fact]
    public void A_cached_body_adds_its_etag_to_the_next_request()
    {
        var cache = new ConditionalResponseCache();
        var url = new Uri("https://api.example/list");
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([1, 2, 3]) };
        response.Headers.ETag = new EntityTagHeaderValue("\"abc\"", isWeak: true);
        response.Headers.Add("Link", "<https://api.example/list?page=2>; rel=\"next\"");

        Assert.True(cache.Store(url, response, [1, 2, 3]));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var cached = cache.AddValidators(request);

        Assert.Equal("W/\"abc\"", request.Headers.IfNoneMatch.Single().ToString());
        Assert.Equal([1, 2, 3], cached!.Body);
        Assert.Equal("https://api.example/list?page=2", cached.NextLink!.ToString());
    }

    [Fact]
    public void Responses_without_validators_are_not_kept_and_the_cache_is_bounded()
    {
        var cache = new ConditionalResponseCache(capacity: 2);
        using var plain = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
        Assert.False(cache.Store(new Uri("https://x/0"), plain, []));

        for (var i = 1; i <= 3; i++)
        {
            using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
            response.Headers.ETag = new EntityTagHeaderValue($"\"{i}\"");
            cache.Store(new Uri($"https://x/{i}"), response, []);
        }

        Assert.Equal(2, cache.Count);
        Assert.Null(cache.Find(new Uri("https://x/1")));
        Assert.NotNull(cache.Find(new Uri("https://x/3")));
    }
}
