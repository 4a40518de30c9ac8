using FlowForge.Abstractions.Domain;
using FlowForge.Emulators.Buildkite;
using FlowForge.Providers.Buildkite.Tests.Infrastructure;

namespace FlowForge.Providers.Buildkite.Tests;

/// <summary>
/// What polling costs: a pipeline's first listing is its own request; afterwards pipelines due together share one
/// organization-wide listing; jobs come embedded in builds and are never fetched on their own for a run just listed.
/// </summary>
public sealed class BuildListingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pipelines_listed_before_share_one_organization_wide_request()
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        var pipelines = new[] { bk.AddPipeline("Web"), bk.AddPipeline("Api"), bk.AddPipeline("Docs") };
        var builds = pipelines.Select(pipeline => bk.Start(pipeline)).ToList();
        bk.AddPipeline("Not watched");
        var mark = bk.Mark();

        var first = await bk.Connection.ListRecentRunsAsync(pipelines, 30, Cancel);
        var firstRequests = bk.Since(mark);
        var webBuild = bk.Scenario.BeginBuild(EmulatedBuildkite.Organization, "web", 1);
        mark = bk.Mark();
        var second = await bk.Connection.ListRecentRunsAsync(pipelines, 30, Cancel);
        var secondRequests = bk.Since(mark);

        Assert.Equal(3, firstRequests.Count);
        Assert.All(firstRequests, request => Assert.Contains("/pipelines/", request.PathAndQuery, StringComparison.Ordinal));
        Assert.Equal(builds.Select(build => build.RunId).Order(), first.Select(run => run.NativeId).Order());
        Assert.Equal("/v2/organizations/acme-inc/builds?per_page=100", Assert.Single(secondRequests).PathAndQuery);
        Assert.Equal(builds.Select(build => build.RunId).Order(), second.Select(run => run.NativeId).Order());
        Assert.Equal(RunStatus.Running, second.Single(run => run.NativeId == webBuild.RunId).Status);
    }

    [Fact]
    public async Task A_lone_due_pipeline_is_asked_directly()
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        var web = bk.AddPipeline("Web");
        var api = bk.AddPipeline("Api");
        await bk.Connection.ListRecentRunsAsync([web, api], 30, Cancel);
        var mark = bk.Mark();

        await bk.Connection.ListRecentRunsAsync([web], 30, Cancel);

        Assert.Equal("/v2/organizations/acme-inc/pipelines/web/builds?per_page=30&exclude_pipeline=true", Assert.Single(bk.Since(mark)).PathAndQuery);
    }

    [Fact]
    public async Task The_organization_listing_reads_on_until_it_reaches_builds_already_seen()
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        var web = bk.AddPipeline("Web");
        var api = bk.AddPipeline("Api");
        var busy = bk.AddPipeline("Busy");
        var early = bk.Start(web, "Before the first poll");
        await bk.Connection.ListRecentRunsAsync([web, api], 30, Cancel);
        var missed = bk.Start(web, "Soon buried");
        for (var i = 0; i < 150; i++)
        {
            bk.Start(busy, $"Noise {i}");
        }

        var mark = bk.Mark();
        var runs = await bk.Connection.ListRecentRunsAsync([web, api], 30, Cancel);

        Assert.Contains(runs, run => run.NativeId == missed.RunId);
        Assert.Contains(runs, run => run.NativeId == early.RunId);
        Assert.All(runs, run => Assert.Equal(web.Key, run.Pipeline));
        Assert.Equal(2, bk.Since(mark).Count);
    }

    [Fact]
    public async Task Jobs_of_a_run_just_listed_cost_no_request_and_a_stale_run_reads_its_build()
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        var web = bk.AddPipeline("Web", [BuildkiteStep.Command("Build", "make"), BuildkiteStep.Wait(), BuildkiteStep.Block("Ship?"), BuildkiteStep.Command("Ship", "make ship")]);
        var build = bk.Start(web);
        var run = Assert.Single(await bk.Connection.ListRecentRunsAsync([web], 30, Cancel));
        var mark = bk.Mark();

        var jobs = await bk.Connection.ListJobsAsync(web, run, Cancel);

        Assert.Empty(bk.Since(mark));
        Assert.Equal(["Build", "Wait", "Ship?", "Ship"], jobs.Select(job => job.Name));
        Assert.Equal([RunStatus.Queued, RunStatus.Waiting, RunStatus.Waiting, RunStatus.Waiting], jobs.Select(job => job.Status));

        bk.Scenario.CompleteBuild(EmulatedBuildkite.Organization, "web", build.Number, passed: true);
        var fresher = await bk.Connection.ListJobsAsync(web, run with { Status = RunStatus.Running, UpdatedAt = run.UpdatedAt!.Value.AddSeconds(1) }, Cancel);

        Assert.Single(bk.Since(mark));
        Assert.All(fresher, job => Assert.Equal(RunStatus.Succeeded, job.Status));
    }

    [Fact]
    public async Task A_block_step_makes_the_run_wait_until_it_is_unblocked()
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        var web = bk.AddPipeline("Web", [BuildkiteStep.Command("Build", "make"), BuildkiteStep.Block("Deploy?", "deploy-gate"), BuildkiteStep.Command("Deploy", "make deploy")]);
        var build = bk.Start(web);
        bk.Scenario.BeginBuild(EmulatedBuildkite.Organization, "web", build.Number);
        bk.Scenario.AdvanceBuild(EmulatedBuildkite.Organization, "web", build.Number);

        var blocked = await bk.Connection.GetRunAsync(web, build.RunId, Cancel);
        var jobs = await bk.Connection.ListJobsAsync(web, blocked, Cancel);
        var gate = jobs.Single(job => job.Name == "Deploy?");
        var result = await bk.Connection.UnblockJobAsync(web, blocked, gate, new Dictionary<string, string> { ["reason"] = "ship it" }, Cancel);
        var running = await bk.Connection.GetRunAsync(web, build.RunId, Cancel);
        var again = await Assert.ThrowsAsync<Abstractions.Providers.ProviderException>(() => bk.Connection.UnblockJobAsync(web, running, gate, new Dictionary<string, string>(), Cancel));

        Assert.Equal(RunStatus.Waiting, blocked.Status);
        Assert.Equal("blocked", blocked.ProviderStatus);
        Assert.Null(blocked.FinishedAt);
        Assert.Equal(RunStatus.Waiting, gate.Status);
        Assert.Equal(200, result.UpstreamStatusCode);
        Assert.Equal(RunStatus.Running, running.Status);
        Assert.Equal(Abstractions.Providers.ProviderErrorKind.NotSupported, again.Kind);
        var unblocked = bk.Scenario.GetBuild(EmulatedBuildkite.Organization, "web", build.Number).Jobs.Single(job => job.Type == "manual");
        Assert.Equal("ship it", unblocked.UnblockFields!["reason"]);
        Assert.Equal("Ada Lovelace", unblocked.UnblockedBy!.Name);
    }
}
