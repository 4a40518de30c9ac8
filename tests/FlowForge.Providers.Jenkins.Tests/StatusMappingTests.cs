using FlowForge.Abstractions.Domain;
using Microsoft.Extensions.Logging.Testing;

namespace FlowForge.Providers.Jenkins.Tests;

/// <summary>
/// The unified status table (provider-apis.md §1) for Jenkins: every <c>hudson.model.Result</c>, the running states, every
/// Stage View <c>StatusExt</c>, and values Jenkins may add later (Unknown, logged once).
/// </summary>
public sealed class StatusMappingTests
{
    [Theory]
    [InlineData(false, "SUCCESS", RunStatus.Succeeded)]
    [InlineData(false, "UNSTABLE", RunStatus.SucceededWithWarnings)]
    [InlineData(false, "FAILURE", RunStatus.Failed)]
    [InlineData(false, "NOT_BUILT", RunStatus.Skipped)]
    [InlineData(false, "ABORTED", RunStatus.Cancelled)]
    [InlineData(true, null, RunStatus.Running)]
    [InlineData(true, "FAILURE", RunStatus.Running)]
    [InlineData(true, "ABORTED", RunStatus.Canceling)]
    public void Build_results_map_per_the_table(bool building, string? result, RunStatus expected)
    {
        var mapper = new JenkinsMapper(new FakeLogger<JenkinsMapper>());

        Assert.Equal(expected, mapper.MapResult(building, result));
    }

    [Theory]
    [InlineData("SUCCESS", RunStatus.Succeeded)]
    [InlineData("UNSTABLE", RunStatus.SucceededWithWarnings)]
    [InlineData("FAILED", RunStatus.Failed)]
    [InlineData("ABORTED", RunStatus.Cancelled)]
    [InlineData("NOT_EXECUTED", RunStatus.Skipped)]
    [InlineData("SKIPPED", RunStatus.Skipped)]
    [InlineData("IN_PROGRESS", RunStatus.Running)]
    [InlineData("PAUSED_PENDING_INPUT", RunStatus.Waiting)]
    public void Stage_statuses_map_per_the_table(string status, RunStatus expected)
    {
        var mapper = new JenkinsMapper(new FakeLogger<JenkinsMapper>());

        Assert.Equal(expected, mapper.MapStageStatus(status));
    }

    [Fact]
    public void Unknown_values_map_to_unknown_and_are_logged_once_each()
    {
        var logger = new FakeLogger<JenkinsMapper>();
        var mapper = new JenkinsMapper(logger);

        Assert.Equal(RunStatus.Unknown, mapper.MapResult(false, "CYCLE_DETECTED"));
        Assert.Equal(RunStatus.Unknown, mapper.MapResult(false, "CYCLE_DETECTED"));
        Assert.Equal(RunStatus.Unknown, mapper.MapResult(false, null));
        Assert.Equal(RunStatus.Unknown, mapper.MapStageStatus("QUEUED"));
        Assert.Equal(RunStatus.Unknown, mapper.MapStageStatus("QUEUED"));

        var messages = logger.Collector.GetSnapshot().Select(record => record.Message).ToList();
        Assert.Equal(3, messages.Count);
        Assert.Contains(messages, message => message.Contains("'CYCLE_DETECTED'", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.Contains("'(none)'", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.Contains("stage status 'QUEUED'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true, null, "building")]
    [InlineData(true, "ABORTED", "building/ABORTED")]
    [InlineData(false, "FAILURE", "FAILURE")]
    [InlineData(false, null, "unknown")]
    public void Provider_status_keeps_jenkins_own_words(bool building, string? result, string expected) =>
        Assert.Equal(expected, JenkinsMapper.FormatProviderStatus(building, result));
}
