using System.Text.Json;
using FlowForge.Abstractions.Domain;
using FlowForge.Providers.Jenkins.Dtos;
using FlowForge.Providers.Jenkins.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowForge.Providers.Jenkins.Tests;

/// <summary>
/// Stages and steps against the Pipeline Stage View plugin's own published examples, quoted verbatim in the fixtures from
/// jenkinsci/pipeline-stage-view-plugin: rest-api/README.md.
/// </summary>
public sealed class StageContractTests
{
    private static readonly JenkinsMapper Mapper = new(NullLogger<JenkinsMapper>.Instance);
    private static readonly Uri BuildUrl = new("https://ci.example.com/jenkins/job/Test%20Workflow/16/");

    /// <summary>Fixtures/wfapi-run-describe.json — README "GET /job/:job-name/:run-id/wfapi/describe".</summary>
    [Fact]
    public void The_run_description_lists_stages_with_their_statuses_and_times()
    {
        var run = Fixture.Read("wfapi-run-describe.json", JenkinsJsonContext.Default.RunDescriptionDto);

        var jobs = run.Stages!.Select(stage => Mapper.MapStage(stage, [], BuildUrl)).ToList();

        Assert.Equal("PAUSED_PENDING_INPUT", run.Status);
        Assert.Equal(["5", "8", "10"], jobs.Select(job => job.NativeId));
        Assert.Equal(["Build", "Test", "Deploy"], jobs.Select(job => job.Name));
        Assert.Equal([RunStatus.Succeeded, RunStatus.Succeeded, RunStatus.Waiting], jobs.Select(job => job.Status));
        Assert.Equal(["SUCCESS", "SUCCESS", "PAUSED_PENDING_INPUT"], jobs.Select(job => job.ProviderStatus));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1413461275770), jobs[0].StartedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1413461275770 + 5228), jobs[0].FinishedAt);
        Assert.Null(jobs[2].FinishedAt);
        Assert.Equal(new Uri("https://ci.example.com/jenkins/job/Test%20Workflow/16/execution/node/8/"), jobs[1].WebUrl);
        Assert.All(jobs, job => Assert.Null(job.Runner));
    }

    /// <summary>Fixtures/wfapi-stage-describe-success.json — README "GET …/execution/node/:node-id/wfapi/describe" (successful stage).</summary>
    [Fact]
    public void A_successful_stage_lists_its_steps()
    {
        var stage = Fixture.Read("wfapi-stage-describe-success.json", JenkinsJsonContext.Default.StageDescriptionDto);

        var job = Mapper.MapStage(new StageDto(stage.Id, "Build", stage.Status, null, 1413461275770, 5228), stage.StageFlowNodes!, BuildUrl);

        Assert.Equal(RunStatus.Succeeded, job.Status);
        Assert.Equal([1, 2], job.Steps.Select(step => step.Number));
        Assert.Equal(["Git", "Shell Script"], job.Steps.Select(step => step.Name));
        Assert.All(job.Steps, step => Assert.Equal(RunStatus.Succeeded, step.Status));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1413461275792), job.Steps[1].StartedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1413461275792 + 5206), job.Steps[1].FinishedAt);
    }

    /// <summary>Fixtures/wfapi-stage-describe-failed.json — README "GET …/execution/node/:node-id/wfapi/describe" (failed stage, with <c>error</c>).</summary>
    [Fact]
    public void A_failed_stage_has_a_failed_step()
    {
        var stage = Fixture.Read("wfapi-stage-describe-failed.json", JenkinsJsonContext.Default.StageDescriptionDto);

        var job = Mapper.MapStage(new StageDto(stage.Id, "Test", stage.Status, "", 1413462240994, 5030), stage.StageFlowNodes!, BuildUrl);

        Assert.Equal((RunStatus.Failed, "FAILED"), (job.Status, job.ProviderStatus));
        var step = Assert.Single(job.Steps);
        Assert.Equal(("Shell Script", RunStatus.Failed), (step.Name, step.Status));
    }

    /// <summary>Fixtures/wfapi-runs.json — README "GET /job/:job-name/wfapi/runs": each run reads as a run description.</summary>
    [Fact]
    public void Every_run_of_the_run_history_reads_as_a_run_description()
    {
        using var document = JsonDocument.Parse(Fixture.Json("wfapi-runs.json"));

        var runs = document.RootElement.EnumerateArray().Select(element => element.Deserialize(JenkinsJsonContext.Default.RunDescriptionDto)!).ToList();

        Assert.Equal(["PAUSED_PENDING_INPUT", "SUCCESS"], runs.Select(run => run.Status));
        Assert.Equal([RunStatus.Succeeded, RunStatus.Succeeded, RunStatus.Succeeded], runs[1].Stages!.Select(stage => Mapper.MapStageStatus(stage.Status)));
        Assert.Equal(["Build", "Test", "Deploy"], runs[1].Stages!.Select(stage => stage.Name));
    }
}
