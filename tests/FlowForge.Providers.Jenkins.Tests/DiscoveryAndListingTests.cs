using FlowForge.Abstractions.Domain;
using FlowForge.Emulators.Jenkins;
using FlowForge.Providers.Jenkins.Tests.Infrastructure;

namespace FlowForge.Providers.Jenkins.Tests;

/// <summary>Discovery, listing and run detail over real HTTP against the emulator: what is asked, and how cheaply.</summary>
public sealed class DiscoveryAndListingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Discovery_describes_four_folder_levels_in_one_request_and_asks_for_deeper_ones_separately()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddPipelineJob("a/b/c/shallow");
        jenkins.Scenario.AddPipelineJob("a/b/c/d/e/deep");
        jenkins.Scenario.AddMultibranchProject("a/web");
        jenkins.Scenario.AddBranch("a/web", "feature/login");
        jenkins.Scenario.AddFreestyleJob("top");

        var sources = await jenkins.Connection.ListSourcesAsync(Cancel);

        Assert.Equal(["a/b/c/d/e/deep", "a/b/c/shallow", "a/web/feature%2Flogin", "top"], sources.Select(source => source.Id));
        Assert.Equal("feature/login", sources[2].DefaultBranch);
        Assert.Equal("a » web » feature/login", sources[2].Name);
        var requests = jenkins.RequestLines();
        Assert.Equal(2, requests.Count);
        Assert.StartsWith("GET /api/json?tree=jobs%5Bname%2CfullName", requests[0], StringComparison.Ordinal);
        Assert.StartsWith("GET /job/a/job/b/job/c/job/d/api/json?tree=", requests[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipelines_come_from_what_discovery_saw_without_another_request()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddPipelineJob("team/api");
        var sources = await jenkins.Connection.ListSourcesAsync(Cancel);
        jenkins.ClearRequests();

        var pipeline = Assert.Single(await jenkins.Connection.ListPipelinesAsync(sources, Cancel));

        Assert.Empty(jenkins.RequestLines());
        Assert.Equal(new PipelineKey(JenkinsTestHost.InstanceId, "team~api"), pipeline.Key);
        Assert.Equal(("team » api", "team/api"), (pipeline.Name, pipeline.Repository));
        Assert.Equal(new Uri(jenkins.Emulator.BaseUrl, "job/team/job/api/"), pipeline.WebUrl);
    }

    [Fact]
    public async Task A_fresh_connection_reads_a_pipeline_it_did_not_discover_from_its_parent()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddMultibranchProject("web");
        jenkins.Scenario.AddBranch("web", "main");
        var source = new WatchableSource("web/main", "web » main", null, "main", null, false);

        var pipeline = Assert.Single(await jenkins.Connection.ListPipelinesAsync([source], Cancel));

        Assert.Equal(("web~main", "main"), (pipeline.Key.NativeId, pipeline.DefaultBranch));
        Assert.Equal(["GET /job/web/api/json?tree=jobs%5Bname%2CfullName%2CfullDisplayName%2Cdescription%2Curl%2Ccolor%2Cjobs%5Bname%5D%5D"], jenkins.RequestLines());
    }

    [Fact]
    public async Task The_folders_setting_limits_discovery_and_skips_folders_that_are_gone()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync(folders: "team-a, /team-b/, gone");
        jenkins.Scenario.AddPipelineJob("team-a/api");
        jenkins.Scenario.AddPipelineJob("team-b/web");
        jenkins.Scenario.AddPipelineJob("team-c/other");

        var sources = await jenkins.Connection.ListSourcesAsync(Cancel);

        Assert.Equal(["team-a/api", "team-b/web"], sources.Select(source => source.Id));
    }

    [Fact]
    public async Task Listing_asks_each_job_once_for_its_newest_builds_and_its_queue_item()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddPipelineJob("team/api");
        jenkins.Scenario.AddPipelineJob("team/web");
        var api = await jenkins.PipelineAsync("team/api");
        var web = await jenkins.PipelineAsync("team/web");
        for (var i = 0; i < 3; i++)
        {
            jenkins.Scenario.AddCompletedBuild("team/api", EmulatedJenkins.Commit($"Change {i}"), JenkinsResult.Success, DateTimeOffset.UtcNow.AddHours(i - 5), TimeSpan.FromMinutes(2));
        }

        jenkins.Scenario.QueueBuild("team/api", EmulatedJenkins.Commit("Waiting"));
        jenkins.ClearRequests();

        var runs = await jenkins.Connection.ListRecentRunsAsync([api, web], 2, Cancel);

        Assert.Equal(["team~api:4", "team~api:3"], runs.Select(run => run.NativeId));
        Assert.Equal([RunStatus.Queued, RunStatus.Succeeded], runs.Select(run => run.Status));
        var requests = jenkins.RequestLines();
        Assert.Equal(2, requests.Count);
        Assert.Contains("builds%5Bnumber%2Curl%2Cresult%2Cbuilding", requests[0], StringComparison.Ordinal);
        Assert.EndsWith("%7B0%2C2%7D", requests[0], StringComparison.Ordinal);
        Assert.StartsWith("GET /job/team/job/web/api/json?tree=", requests[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queued_run_keeps_its_id_when_it_starts_and_ends()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddPipelineJob("api");
        var pipeline = await jenkins.PipelineAsync("api");
        var item = jenkins.Scenario.QueueBuild("api", EmulatedJenkins.Commit("Queued first"));

        var queued = Assert.Single(await jenkins.Connection.ListRecentRunsAsync([pipeline], 30, Cancel));
        Assert.Equal(("api:1", RunStatus.Queued), (queued.NativeId, queued.Status));
        Assert.Empty(await jenkins.Connection.ListJobsAsync(pipeline, queued, Cancel));
        Assert.Equal(RunStatus.Queued, (await jenkins.Connection.GetRunAsync(pipeline, "api:1", Cancel)).Status);

        jenkins.Scenario.StartBuild(item.Id);
        var running = await jenkins.Connection.GetRunAsync(pipeline, "api:1", Cancel);
        Assert.Equal(RunStatus.Running, running.Status);
        Assert.True(running.UpdatedAt >= queued.UpdatedAt);

        jenkins.Scenario.CompleteBuild("api", 1, JenkinsResult.Unstable);
        var done = await jenkins.Connection.GetRunAsync(pipeline, "api:1", Cancel);
        Assert.Equal((RunStatus.SucceededWithWarnings, "Queued first"), (done.Status, done.Commit?.Message));
    }

    [Fact]
    public async Task A_queued_run_whose_request_was_withdrawn_reads_as_cancelled_and_a_deleted_build_as_not_found()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddPipelineJob("api");
        var pipeline = await jenkins.PipelineAsync("api");
        var item = jenkins.Scenario.QueueBuild("api", EmulatedJenkins.Commit());
        jenkins.Scenario.CancelQueueItem(item.Id);

        var withdrawn = await jenkins.Connection.GetRunAsync(pipeline, "api:1", Cancel);

        Assert.Equal((RunStatus.Cancelled, "queued/cancelled"), (withdrawn.Status, withdrawn.ProviderStatus));
        Assert.NotNull(withdrawn.FinishedAt);
        var missing = await Assert.ThrowsAsync<FlowForge.Abstractions.Providers.ProviderException>(() => jenkins.Connection.GetRunAsync(pipeline, "api:7", Cancel));
        Assert.Equal(FlowForge.Abstractions.Providers.ProviderErrorKind.NotFound, missing.Kind);
        var foreign = await Assert.ThrowsAsync<FlowForge.Abstractions.Providers.ProviderException>(() => jenkins.Connection.GetRunAsync(pipeline, "other:1", Cancel));
        Assert.Equal(FlowForge.Abstractions.Providers.ProviderErrorKind.NotFound, foreign.Kind);
    }

    [Fact]
    public async Task A_job_that_disappeared_is_skipped_and_the_others_still_listed()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddPipelineJob("kept");
        jenkins.Scenario.AddPipelineJob("gone");
        var kept = await jenkins.PipelineAsync("kept");
        var gone = await jenkins.PipelineAsync("gone");
        jenkins.Scenario.AddCompletedBuild("kept", EmulatedJenkins.Commit(), JenkinsResult.Failure, DateTimeOffset.UtcNow.AddHours(-1), TimeSpan.FromMinutes(1));
        jenkins.Scenario.RemoveItem("gone");

        var runs = await jenkins.Connection.ListRecentRunsAsync([gone, kept], 30, Cancel);

        Assert.Equal(("kept:1", RunStatus.Failed), (Assert.Single(runs).NativeId, runs[0].Status));
    }
}
