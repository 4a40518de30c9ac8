using FlowForge.Abstractions.Domain;
using FlowForge.Providers.Buildkite.Dtos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace FlowForge.Providers.Buildkite.Tests;

/// <summary>
/// Every build and job state Buildkite documents (<c>pages/apis/rest_api/builds.md</c>, build and job data models),
/// mapped per the unified table (provider-apis.md §1); an unknown word is Unknown and logged once.
/// </summary>
public sealed class StatusMappingTests
{
    private readonly FakeLogger<BuildkiteMapper> _logger = new();

    public static TheoryData<string, RunStatus> BuildStates => new()
    {
        { "scheduled", RunStatus.Queued },
        { "creating", RunStatus.Queued },
        { "running", RunStatus.Running },
        { "failing", RunStatus.Running },
        { "blocked", RunStatus.Waiting },
        { "waiting", RunStatus.Waiting },
        { "canceling", RunStatus.Canceling },
        { "passed", RunStatus.Succeeded },
        { "failed", RunStatus.Failed },
        { "waiting_failed", RunStatus.Failed },
        { "canceled", RunStatus.Cancelled },
        { "skipped", RunStatus.Skipped },
        { "not_run", RunStatus.Skipped },
    };

    public static TheoryData<string, RunStatus> JobStates => new()
    {
        { "pending", RunStatus.Queued },
        { "scheduled", RunStatus.Queued },
        { "assigned", RunStatus.Queued },
        { "accepted", RunStatus.Queued },
        { "limited", RunStatus.Queued },
        { "limiting", RunStatus.Queued },
        { "waiting", RunStatus.Waiting },
        { "blocked", RunStatus.Waiting },
        { "running", RunStatus.Running },
        { "canceling", RunStatus.Canceling },
        { "timing_out", RunStatus.Canceling },
        { "passed", RunStatus.Succeeded },
        { "unblocked", RunStatus.Succeeded },
        { "failed", RunStatus.Failed },
        { "waiting_failed", RunStatus.Failed },
        { "blocked_failed", RunStatus.Failed },
        { "unblocked_failed", RunStatus.Failed },
        { "timed_out", RunStatus.Failed },
        { "broken", RunStatus.Failed },
        { "expired", RunStatus.Failed },
        { "canceled", RunStatus.Cancelled },
        { "skipped", RunStatus.Skipped },
    };

    private BuildkiteMapper Mapper => new(_logger);

    [Theory]
    [MemberData(nameof(BuildStates))]
    public void Every_documented_build_state_maps_per_the_unified_table(string state, RunStatus expected)
    {
        Assert.Equal(expected, Mapper.MapBuildState(state, blocked: false));
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Theory]
    [MemberData(nameof(JobStates))]
    public void Every_documented_job_state_maps_per_the_unified_table(string state, RunStatus expected)
    {
        Assert.Equal(expected, Mapper.MapJobState(new JobDto("j", "script", State: state), null));
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public void A_build_reported_as_passed_but_blocked_is_waiting()
    {
        Assert.Equal(RunStatus.Waiting, Mapper.MapBuildState("passed", blocked: true));
        Assert.Equal("passed/blocked", BuildkiteMapper.FormatBuildState("passed", blocked: true));
        Assert.Equal("blocked", BuildkiteMapper.FormatBuildState("blocked", blocked: true));
        Assert.Equal(RunStatus.Failed, Mapper.MapBuildState("failed", blocked: true));
    }

    [Theory]
    [InlineData("failed", RunStatus.SucceededWithWarnings)]
    [InlineData("passed", RunStatus.SucceededWithWarnings)]
    [InlineData("running", RunStatus.Running)]
    public void A_soft_failed_job_succeeded_with_warnings(string state, RunStatus expected) =>
        Assert.Equal(expected, Mapper.MapJobState(new JobDto("j", "script", State: state, SoftFailed: true, ExitStatus: 1), null));

    [Theory]
    [InlineData(0, RunStatus.Succeeded)]
    [InlineData(2, RunStatus.Failed)]
    public void The_raw_finished_state_is_read_by_its_exit_status(int exitStatus, RunStatus expected) =>
        Assert.Equal(expected, Mapper.MapJobState(new JobDto("j", "script", State: "finished", ExitStatus: exitStatus), null));

    [Theory]
    [InlineData("running", RunStatus.Waiting)]
    [InlineData("passed", RunStatus.Succeeded)]
    [InlineData("failed", RunStatus.Skipped)]
    public void A_wait_step_without_a_state_follows_its_build(string buildState, RunStatus expected)
    {
        var build = new BuildDto("b", 1, State: buildState);

        Assert.Equal(expected, Mapper.MapJobState(new JobDto("w", "waiter"), build));
        Assert.Equal("Wait", Mapper.MapJob(new JobDto("w", "waiter"), build).Name);
    }

    [Fact]
    public void An_unknown_state_is_unknown_and_logged_once()
    {
        var mapper = Mapper;

        Assert.Equal(RunStatus.Unknown, mapper.MapBuildState("hibernating", null));
        Assert.Equal(RunStatus.Unknown, mapper.MapBuildState("hibernating", null));
        Assert.Equal(RunStatus.Unknown, mapper.MapJobState(new JobDto("j", "script", State: "teleporting"), null));
        Assert.Equal(RunStatus.Unknown, mapper.MapBuildState(null, null));

        var logged = _logger.Collector.GetSnapshot();
        Assert.Equal(3, logged.Count);
        Assert.All(logged, entry => Assert.Equal(LogLevel.Warning, entry.Level));
        Assert.Contains(logged, entry => entry.Message.Contains("'hibernating'", StringComparison.Ordinal));
        Assert.Contains(logged, entry => entry.Message.Contains("'teleporting'", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_ids_name_the_pipeline_and_the_build_number()
    {
        Assert.Equal("web-app:42", BuildkiteMapper.RunId("web-app", 42));
        Assert.True(BuildkiteMapper.TryParseRunId("web-app:42", out var slug, out var number));
        Assert.Equal(("web-app", 42L), (slug, number));
        Assert.False(BuildkiteMapper.TryParseRunId("42", out _, out _));
        Assert.False(BuildkiteMapper.TryParseRunId("web-app:0", out _, out _));
        Assert.False(BuildkiteMapper.TryParseRunId("web-app:x", out _, out _));
    }
}
