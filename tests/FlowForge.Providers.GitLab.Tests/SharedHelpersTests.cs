using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;

namespace FlowForge.Providers.GitLab.Tests;

/// <summary>The generic pieces this provider added to <c>FlowForge.Abstractions/Http</c> for every provider to use.</summary>
public sealed class SharedHelpersTests
{
    [Theory]
    [InlineData("https://gitlab.com/api/v4", "https://gitlab.com/api/v4/")]
    [InlineData(" http://host:8080/gitlab/api/v4/ ", "http://host:8080/gitlab/api/v4/")]
    [InlineData("https://host/api/v4?x=1", null)]
    [InlineData("https://u:p@host/api/v4", null)]
    [InlineData("ftp://host/api/v4", null)]
    [InlineData("/api/v4", null)]
    [InlineData(null, null)]
    public void An_API_root_is_an_absolute_http_URL_without_query_or_credentials(string? text, string? expected) =>
        Assert.Equal(expected, ApiRoot.TryParse(text)?.BaseUrl.AbsoluteUri);

    [Fact]
    public void A_request_is_named_by_method_and_path_below_the_root_and_links_checked_for_origin()
    {
        var root = new ApiRoot(new Uri("https://host/gitlab/api/v4"));

        Assert.Equal("GET /projects/7/pipelines", root.Display(HttpMethod.Get, root.Resolve("projects/7/pipelines?ref=secret")));
        Assert.Equal("POST /elsewhere", root.Display(HttpMethod.Post, new Uri("https://host/elsewhere")));
        Assert.True(root.IsSameOrigin(new Uri("HTTPS://HOST/other")));
        Assert.False(root.IsSameOrigin(new Uri("https://host:444/gitlab/api/v4")));
        Assert.False(root.IsSameOrigin(new Uri("http://host/gitlab/api/v4")));
    }

    [Fact]
    public async Task Paging_stops_at_the_cap_and_never_reads_a_page_twice()
    {
        var root = new ApiRoot(new Uri("https://host/api/v4"));
        var fetched = new List<Uri>();
        var capped = false;

        var items = await LinkPaging.ReadAllAsync(
            root.Resolve("things?page=1"),
            (url, _) =>
            {
                fetched.Add(url);
                var page = int.Parse(url.Query[(url.Query.IndexOf('=', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                return Task.FromResult(new Page<int>([page], root.Resolve($"things?page={page % 3 + 1}")));
            },
            5,
            root,
            "Test",
            () => capped = true,
            TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 3], items);
        Assert.Equal(3, fetched.Count);
        Assert.False(capped);

        var next = 1;
        var capItems = await LinkPaging.ReadAllAsync(
            root.Resolve("many?page=1"),
            (url, _) => Task.FromResult(new Page<string>([url.Query], root.Resolve($"many?page={++next}"))),
            2,
            root,
            "Test",
            () => capped = true,
            TestContext.Current.CancellationToken);
        Assert.Equal(2, capItems.Count);
        Assert.True(capped);
    }

    [Fact]
    public void A_shared_secret_matches_only_itself()
    {
        var secret = new SecretValue("s3cret-not-real");

        Assert.True(WebhookRequests.SecretMatches(secret, "s3cret-not-real"));
        Assert.False(WebhookRequests.SecretMatches(secret, "s3cret-not-rea"));
        Assert.False(WebhookRequests.SecretMatches(secret, "S3CRET-NOT-REAL"));
        Assert.False(WebhookRequests.SecretMatches(secret, null));
        Assert.Equal("v", WebhookRequests.Header(new WebhookRequest(new Dictionary<string, string> { ["x-gitlab-token"] = " v " }, default), "X-Gitlab-Token"));
        Assert.Null(WebhookRequests.Header(new WebhookRequest(new Dictionary<string, string> { ["X-A"] = " " }, default), "X-A"));
    }

    [Fact]
    public void The_shared_handler_never_follows_redirects_nor_keeps_cookies()
    {
        using var handler = ProviderHttpHandler.Create();

        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseCookies);
        Assert.Equal("FlowForge", ProviderHttpHandler.UserAgent.Product?.Name);
    }
}
