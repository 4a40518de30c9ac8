using FlowForge.Abstractions.Providers;

namespace FlowForge.Providers.Jenkins.Tests;

/// <summary>Native ids are one URL path segment that turns back into the same Jenkins full name.</summary>
public sealed class PathTests
{
    [Theory]
    [InlineData("api", "api", "job/api/")]
    [InlineData("team/api/main", "team~api~main", "job/team/job/api/job/main/")]
    [InlineData("team/web/feature%2Flogin", "team~web~feature%252Flogin", "job/team/job/web/job/feature%252Flogin/")]
    [InlineData("odd~name/with space", "odd%7Ename~with space", "job/odd~name/job/with%20space/")]
    public void Full_names_become_single_segment_ids_and_job_paths(string fullName, string nativeId, string path)
    {
        Assert.Equal(nativeId, JenkinsPaths.NativeId(fullName));
        Assert.Equal(fullName, JenkinsPaths.FullName(nativeId));
        Assert.Equal(path, JenkinsPaths.JobPath(fullName));
        Assert.DoesNotContain('/', nativeId);
    }

    [Fact]
    public void Run_ids_carry_the_job_and_the_build_number()
    {
        Assert.Equal("team~api:42", JenkinsPaths.RunId("team~api", 42));
        Assert.Equal(("team~api", 42L), JenkinsPaths.ParseRunId("team~api:42"));
        Assert.Equal("job/team/job/api/42/", JenkinsPaths.BuildPath("team/api", 42));
    }

    [Theory]
    [InlineData("team~api")]
    [InlineData("team~api:")]
    [InlineData(":42")]
    [InlineData("team~api:0")]
    [InlineData("team~api:-1")]
    [InlineData("team~api:x")]
    public void Malformed_run_ids_are_not_found(string runId) =>
        Assert.Equal(ProviderErrorKind.NotFound, Assert.Throws<ProviderException>(() => JenkinsPaths.ParseRunId(runId)).Kind);

    [Theory]
    [InlineData("")]
    [InlineData("a~~b")]
    [InlineData("a/b")]
    public void Malformed_job_ids_are_not_found(string nativeId) =>
        Assert.Equal(ProviderErrorKind.NotFound, Assert.Throws<ProviderException>(() => JenkinsPaths.FullName(nativeId)).Kind);
}
