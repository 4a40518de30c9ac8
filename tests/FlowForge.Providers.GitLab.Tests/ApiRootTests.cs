using FlowForge.Abstractions.Http;

namespace FlowForge.Providers.GitLab.Tests;

/// <summary><see cref="ApiRoot"/>: the one reader of every provider's base URL setting (GitLab, Buildkite, GitHub, Jenkins).</summary>
public sealed class ApiRootTests
{
    [Theory]
    [InlineData("https://gitlab.com/api/v4", "https://gitlab.com/api/v4/")]
    [InlineData(" http://host:8080/gitlab/api/v4/ ", "http://host:8080/gitlab/api/v4/")]
    [InlineData("https://ci.example.com", "https://ci.example.com/")]
    [InlineData(" https://ci.example.com/jenkins ", "https://ci.example.com/jenkins/")]
    public void A_root_keeps_its_context_path_and_ends_with_a_slash(string text, string expected) =>
        Assert.Equal(expected, ApiRoot.TryParse(text)?.BaseUrl.AbsoluteUri);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/api/v4")]
    [InlineData("ci.example.com")]
    [InlineData("ftp://ci.example.com/")]
    [InlineData("https://u:p@host/api/v4")]
    [InlineData("https://host/api/v4?x=1")]
    [InlineData("https://ci.example.com/#top")]
    public void Anything_but_an_absolute_http_URL_without_query_fragment_or_credentials_is_refused(string? text) =>
        Assert.Null(ApiRoot.TryParse(text));
}
