using FlowForge.Abstractions.Domain;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;

namespace FlowForge.Providers.GitHub.Tests;

/// <summary>provider-apis.md §1, GitHub column: every documented status/conclusion pair.</summary>
public sealed class StatusMappingTests
{
    private readonly GitHubMapper _mapper = new(NullLogger<GitHubMapper>.Instance);

    [Theory]
    // Run and job statuses before completion (run: requested, queued, in_progress, waiting, pending; job adds none).
    [InlineData("requested", null, RunStatus.Queued)]
    [InlineData("queued", null, RunStatus.Queued)]
    [InlineData("pending", null, RunStatus.Queued)]
    [InlineData("waiting", null, RunStatus.Waiting)]
    [InlineData("in_progress", null, RunStatus.Running)]
    // Completed with each documented conclusion.
    [InlineData("completed", "success", RunStatus.Succeeded)]
    [InlineData("completed", "neutral", RunStatus.SucceededWithWarnings)]
    [InlineData("completed", "failure", RunStatus.Failed)]
    [InlineData("completed", "timed_out", RunStatus.Failed)]
    [InlineData("completed", "startup_failure", RunStatus.Failed)]
    [InlineData("completed", "cancelled", RunStatus.Cancelled)]
    [InlineData("completed", "skipped", RunStatus.Skipped)]
    [InlineData("completed", "stale", RunStatus.Skipped)]
    [InlineData("completed", "action_required", RunStatus.Waiting)]
    // GitHub spells its words in lower case; upper case does not change the meaning.
    [InlineData("COMPLETED", "SUCCESS", RunStatus.Succeeded)]
    // A conclusion arrives only with completion; while active the status decides.
    [InlineData("in_progress", "", RunStatus.Running)]
    public void Documented_values_map_to_the_unified_status(string status, string? conclusion, RunStatus expected)
    {
        Assert.Equal(expected, _mapper.MapStatus(status, conclusion));
    }

    [Theory]
    [InlineData("completed", null)]
    [InlineData("completed", "brand_new_conclusion")]
    [InlineData("brand_new_status", null)]
    [InlineData(null, null)]
    [InlineData("", "")]
    public void Unknown_values_map_to_Unknown_without_throwing(string? status, string? conclusion)
    {
        Assert.Equal(RunStatus.Unknown, _mapper.MapStatus(status, conclusion));
    }

    [Fact]
    public void An_unknown_status_with_a_known_conclusion_keeps_the_conclusion()
    {
        Assert.Equal(RunStatus.Failed, _mapper.MapStatus("brand_new_status", "failure"));
    }

    [Fact]
    public void Each_unknown_value_is_logged_once()
    {
        var logger = new FakeLogger<GitHubMapper>();
        var mapper = new GitHubMapper(logger);

        mapper.MapStatus("completed", "brand_new");
        mapper.MapStatus("completed", "brand_new");
        mapper.MapStatus("teleporting", null);
        mapper.MapStatus("teleporting", null);
        mapper.MapStatus("completed", "success");

        var records = logger.Collector.GetSnapshot();
        Assert.Equal(2, records.Count);
        Assert.All(records, record => Assert.Equal(LogLevel.Warning, record.Level));
        Assert.Contains(records, record => record.Message.Contains("'brand_new'", StringComparison.Ordinal));
        Assert.Contains(records, record => record.Message.Contains("'teleporting'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("queued", null, "queued")]
    [InlineData("in_progress", null, "in_progress")]
    [InlineData("completed", "success", "completed/success")]
    [InlineData("completed", null, "completed")]
    [InlineData(null, null, "unknown")]
    public void Provider_status_keeps_GitHubs_words(string? status, string? conclusion, string expected)
    {
        Assert.Equal(expected, GitHubMapper.FormatProviderStatus(status, conclusion));
    }

    [Theory]
    [InlineData("queued", null, RunStatus.Queued)]
    [InlineData("in_progress", null, RunStatus.Running)]
    [InlineData("completed", "skipped", RunStatus.Skipped)]
    [InlineData("completed", "failure", RunStatus.Failed)]
    public void Steps_use_the_same_mapping(string status, string? conclusion, RunStatus expected)
    {
        var step = _mapper.MapStep(new Dtos.StepDto(1, "Build", status, conclusion));

        Assert.Equal(expected, step.Status);
    }
}
