using FlowForge.Abstractions.Domain;

namespace FlowForge.Core.Tests.Abstractions;

public sealed class DomainTests
{
    [Fact]
    public void Pipeline_keys_round_trip_and_reject_extra_slashes()
    {
        Assert.True(PipelineKey.TryParse("gh1/161335", out var key));
        Assert.Equal(new PipelineKey("gh1", "161335"), key);
        Assert.Equal("gh1/161335", key.ToString());
        Assert.False(PipelineKey.TryParse("gh1/a/b", out _));
        Assert.False(PipelineKey.TryParse("/x", out _));
        Assert.False(PipelineKey.TryParse("x/", out _));
        Assert.Throws<ArgumentException>(() => new PipelineKey("a/b", "c"));
    }

    [Theory]
    [InlineData(RunStatus.Queued, true, false)]
    [InlineData(RunStatus.Waiting, true, false)]
    [InlineData(RunStatus.Running, true, false)]
    [InlineData(RunStatus.Canceling, true, false)]
    [InlineData(RunStatus.Succeeded, false, true)]
    [InlineData(RunStatus.Failed, false, true)]
    [InlineData(RunStatus.Unknown, false, false)]
    public void Statuses_are_active_or_finished(RunStatus status, bool active, bool finished)
    {
        Assert.Equal(active, status.IsActive());
        Assert.Equal(finished, status.IsFinished());
    }
}
