using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitLab.Tests.Infrastructure;

namespace FlowForge.Providers.GitLab.Tests;

/// <summary>What discovery lists (projects with CI), how their pipelines come about, and when they are listed again.</summary>
public sealed class DiscoveryTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Projects_with_CI_are_sources_archived_ones_flagged_and_their_pipelines_cost_nothing_more()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var app = gitlab.Scenario.AddProject("acme/platform", "api", "API", description: "The API", ciConfigPath: "ci/main.yml");
        var old = gitlab.Scenario.AddProject("acme", "legacy");
        gitlab.Scenario.SetArchived(old.Id, true);
        var noCi = gitlab.Scenario.AddProject("acme", "wiki");
        gitlab.Scenario.SetJobsEnabled(noCi.Id, false);

        var sources = await gitlab.Connection.ListSourcesAsync(Cancel);
        var mark = gitlab.Mark();
        var pipelines = await gitlab.Connection.ListPipelinesAsync(sources, Cancel);

        Assert.Equal(["acme/platform/api", "acme/legacy"], sources.Select(source => source.Id));
        Assert.Equal([false, true], sources.Select(source => source.IsArchived));
        Assert.Equal("The API", sources[0].Description);
        Assert.Empty(gitlab.RequestsSince(mark));
        var pipeline = pipelines[0];
        Assert.Equal(new PipelineKey(GitLabTestHost.InstanceId, app.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), pipeline.Key);
        Assert.Equal(("API", "acme/platform/api", "main", "ci/main.yml"), (pipeline.Name, pipeline.Repository, pipeline.DefaultBranch, pipeline.FilePath));
        Assert.Equal(new Uri(gitlab.Emulator.WebBaseUrl, "acme/platform/api/-/pipelines"), pipeline.WebUrl);
    }

    [Fact]
    public async Task A_source_version_moves_only_when_the_pipeline_would_change()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var project = gitlab.AddProject();
        var before = Assert.Single(await gitlab.Connection.ListSourcesAsync(Cancel)).Version;

        gitlab.StartPipeline(project);
        var afterPush = Assert.Single(await gitlab.Connection.ListSourcesAsync(Cancel)).Version;
        gitlab.Scenario.SetArchived(project.Id, true);
        var afterArchive = Assert.Single(await gitlab.Connection.ListSourcesAsync(Cancel)).Version;

        Assert.Equal(before, afterPush);
        Assert.NotEqual(before, afterArchive);
    }

    [Fact]
    public async Task A_project_discovery_did_not_see_is_read_by_path()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        gitlab.Scenario.AddProject("acme/platform", "api");
        var mark = gitlab.Mark();

        var pipelines = await gitlab.Connection.ListPipelinesAsync([new WatchableSource("acme/platform/api", "api", null, "main", null, false)], Cancel);
        var missing = await gitlab.Connection.ListPipelinesAsync([new WatchableSource("acme/gone", "gone", null, "main", null, false)], Cancel);

        Assert.Single(pipelines);
        Assert.Empty(missing);
        Assert.Equal(["GET /api/v4/projects/acme%2Fplatform%2Fapi", "GET /api/v4/projects/acme%2Fgone"], gitlab.RequestsSince(mark));
    }

    [Fact]
    public async Task A_group_that_does_not_exist_is_skipped_unless_none_does()
    {
        await using var some = await EmulatedGitLab.StartAsync(new Dictionary<string, string> { ["groups"] = "acme, nobody" });
        some.AddProject();
        await using var none = await EmulatedGitLab.StartAsync(new Dictionary<string, string> { ["groups"] = "nobody, nothing" });

        var sources = await some.Connection.ListSourcesAsync(Cancel);
        var error = await Assert.ThrowsAsync<ProviderException>(() => none.Connection.ListSourcesAsync(Cancel));

        Assert.Equal(["acme/app"], sources.Select(source => source.Id));
        Assert.Equal(ProviderErrorKind.NotFound, error.Kind);
        Assert.Contains("nobody, nothing", error.Message, StringComparison.Ordinal);
    }
}
