using FlowForge.Abstractions.Domain;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace FlowForge.Providers.GitLab.Tests;

/// <summary>GitLab's status words mapped per the unified table (provider-apis.md §1); anything else is Unknown, logged once.</summary>
public sealed class StatusMappingTests
{
    private readonly FakeLogger<GitLabMapper> _logger = new();

    // Every pipeline status the API documents (doc/api/pipelines.md, `status` filter), and `canceling` of newer GitLab.
    [Theory]
    [InlineData("created", RunStatus.Queued)]
    [InlineData("waiting_for_resource", RunStatus.Queued)]
    [InlineData("preparing", RunStatus.Queued)]
    [InlineData("pending", RunStatus.Queued)]
    [InlineData("scheduled", RunStatus.Queued)]
    [InlineData("manual", RunStatus.Waiting)]
    [InlineData("running", RunStatus.Running)]
    [InlineData("canceling", RunStatus.Canceling)]
    [InlineData("success", RunStatus.Succeeded)]
    [InlineData("failed", RunStatus.Failed)]
    [InlineData("canceled", RunStatus.Cancelled)]
    [InlineData("skipped", RunStatus.Skipped)]
    public void Documented_statuses_map_per_the_table(string status, RunStatus expected)
    {
        var mapper = new GitLabMapper(_logger);

        Assert.Equal(expected, mapper.MapStatus(status));
        Assert.Equal(expected, mapper.MapPipelineStatus(status, warnings: false));
        Assert.Equal(expected, mapper.MapJobStatus(status, allowFailure: false));
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public void A_job_that_failed_but_was_allowed_to_passed_with_warnings()
    {
        var mapper = new GitLabMapper(_logger);

        Assert.Equal(RunStatus.SucceededWithWarnings, mapper.MapJobStatus("failed", allowFailure: true));
        Assert.Equal(RunStatus.Succeeded, mapper.MapJobStatus("success", allowFailure: true));
        Assert.Equal(RunStatus.Running, mapper.MapJobStatus("running", allowFailure: true));
    }

    [Fact]
    public void A_pipeline_that_succeeded_with_an_allowed_failure_passed_with_warnings()
    {
        var mapper = new GitLabMapper(_logger);

        Assert.Equal(RunStatus.SucceededWithWarnings, mapper.MapPipelineStatus("success", warnings: true));
        Assert.Equal(RunStatus.Failed, mapper.MapPipelineStatus("failed", warnings: true));
        Assert.True(GitLabMapper.IsWarningGroup("success-with-warnings"));
        Assert.False(GitLabMapper.IsWarningGroup("success"));
    }

    [Theory]
    [InlineData("waiting_for_callback")]
    [InlineData("SUCCESS")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_words_are_Unknown_and_logged_once(string? status)
    {
        var mapper = new GitLabMapper(_logger);

        Assert.Equal(RunStatus.Unknown, mapper.MapStatus(status));
        Assert.Equal(RunStatus.Unknown, mapper.MapStatus(status));
        Assert.Equal(RunStatus.Unknown, mapper.MapJobStatus(status, allowFailure: true));

        var entry = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains(status is null ? "(none)" : $"'{status}'", entry.Message, StringComparison.Ordinal);
    }
}
