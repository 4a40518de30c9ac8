using FlowForge.Emulators.Jenkins;
using FlowForge.Providers.Jenkins.Tests.Infrastructure;

namespace FlowForge.Providers.Jenkins.Tests;

/// <summary>
/// What polling costs Jenkins, which has neither webhooks nor conditional requests nor a rate limit: one request per
/// watched job per idle poll, against what reading everything again would cost.
/// </summary>
public sealed class IdleCostTests
{
    private const int Jobs = 50;
    private const int BuildsPerJob = 5;

    [Fact]
    public async Task An_idle_poll_of_fifty_jobs_is_fifty_requests_where_reading_everything_is_over_a_thousand()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        for (var job = 0; job < Jobs; job++)
        {
            var name = $"fleet/service-{job:D2}";
            jenkins.Scenario.AddPipelineJob(name);
            for (var build = 0; build < BuildsPerJob; build++)
            {
                jenkins.Scenario.AddCompletedBuild(name, EmulatedJenkins.Commit(), JenkinsResult.Success, DateTimeOffset.UtcNow.AddHours(build - 10), TimeSpan.FromMinutes(3));
            }
        }

        var sources = await jenkins.Connection.ListSourcesAsync(EmulatedJenkins.Cancel);
        var pipelines = await jenkins.Connection.ListPipelinesAsync(sources, EmulatedJenkins.Cancel);
        await jenkins.Connection.ListRecentRunsAsync(pipelines, 30, EmulatedJenkins.Cancel);
        jenkins.ClearRequests();

        var runs = await jenkins.Connection.ListRecentRunsAsync(pipelines, 30, EmulatedJenkins.Cancel);
        var idle = jenkins.Emulator.Requests.Snapshot();

        // Reading everything again: the job list, every job's builds, each build, its stages and their steps.
        jenkins.ClearRequests();
        await jenkins.Connection.ListSourcesAsync(EmulatedJenkins.Cancel);
        foreach (var pipeline in pipelines)
        {
            foreach (var run in await jenkins.Connection.ListRecentRunsAsync([pipeline], 30, EmulatedJenkins.Cancel))
            {
                var fresh = await jenkins.Connection.GetRunAsync(pipeline, run.NativeId, EmulatedJenkins.Cancel);
                await JenkinsTestHost.FreshConnection(jenkins).ListJobsAsync(pipeline, fresh, EmulatedJenkins.Cancel);
            }
        }

        var everything = jenkins.Emulator.Requests.Snapshot();

        Assert.Equal(Jobs * BuildsPerJob, runs.Count);
        Assert.Equal(Jobs, idle.Count);
        Assert.Equal(Jobs, idle.Select(request => request.PathAndQuery).Distinct().Count());
        Assert.All(idle, request => Assert.Null(request.Fault));
        Assert.Equal(1 + (Jobs * (1 + (BuildsPerJob * (1 + 1 + 3)))), everything.Count);
    }
}
