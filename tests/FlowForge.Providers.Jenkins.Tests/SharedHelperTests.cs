using System.Net;
using System.Text;
using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;

namespace FlowForge.Providers.Jenkins.Tests;

/// <summary>The provider-neutral helpers this provider added to the plugin SDK (<c>FlowForge.Abstractions.Http</c>).</summary>
public sealed class SharedHelperTests
{
    [Fact]
    public async Task A_text_tail_keeps_the_end_of_a_long_body_and_never_half_a_character()
    {
        var text = string.Concat(Enumerable.Repeat("ab€", 50_000)) + "the end";
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));

        var tail = await TextTail.ReadAsync(content, 1000, TestContext.Current.CancellationToken);

        Assert.True(tail.Truncated);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), tail.TotalBytes);
        Assert.EndsWith("ab€the end", tail.Text, StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(tail.Text), 998, 1000);
        Assert.DoesNotContain('\uFFFD', tail.Text);
    }

    [Fact]
    public async Task A_short_body_is_kept_whole()
    {
        using var content = new StringContent("Finished: SUCCESS\n");

        var tail = await TextTail.ReadAsync(content, 1000, TestContext.Current.CancellationToken);

        Assert.Equal(("Finished: SUCCESS\n", 18L, false), (tail.Text, tail.TotalBytes, tail.Truncated));
        Assert.Equal("SUCCESS\n", TextTail.Last("Finished: SUCCESS\n", 8));
    }

    [Fact]
    public void A_redirect_is_followed_on_its_origin_only()
    {
        var origin = new ApiRoot(new Uri("https://ci.example.com/jenkins/"));
        using var relative = new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("../../queue/", UriKind.Relative) } };
        using var foreign = new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://evil.example.net/x") } };
        using var none = new HttpResponseMessage(HttpStatusCode.Found);

        Assert.Equal(new Uri("https://ci.example.com/jenkins/queue/"), Redirects.Target(relative, origin.Resolve("job/a/"), origin, "Jenkins", "GET /job/a/"));
        Assert.Null(Redirects.Target(none, origin.BaseUrl, origin, "Jenkins", "GET /"));
        var error = Assert.Throws<ProviderException>(() => Redirects.Target(foreign, origin.BaseUrl, origin, "Jenkins", "GET /"));
        Assert.Equal((ProviderErrorKind.BadResponse, 302), (error.Kind, error.UpstreamStatusCode));
        Assert.True(Redirects.IsRedirect(HttpStatusCode.PermanentRedirect));
        Assert.False(Redirects.IsRedirect(HttpStatusCode.NotModified));
    }

    [Fact]
    public void The_shared_primary_handler_follows_no_redirect_and_keeps_no_cookie()
    {
        using var handler = ProviderHttpHandler.Create();

        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseCookies);
        Assert.Equal(DecompressionMethods.All, handler.AutomaticDecompression);
        Assert.Equal(TimeSpan.FromMinutes(5), handler.PooledConnectionLifetime);
    }
}
