using FlowForge.Abstractions.Domain;
using FlowForge.Web.Components.Shared;

namespace FlowForge.Web.Tests;

public sealed class StatusTextTests
{
    [Theory]
    [InlineData(5, "5 s")]
    [InlineData(125, "2 min 5 s")]
    [InlineData(7500, "2 h 5 min")]
    public void Durations_read_naturally(int seconds, string expected) =>
        Assert.Equal(expected, StatusText.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Unknown_durations_are_a_dash() => Assert.Equal("—", StatusText.Duration(null));

    [Theory]
    [InlineData(10, "just now")]
    [InlineData(300, "5 min ago")]
    [InlineData(3 * 3600, "3 h ago")]
    [InlineData(2 * 86400, "2 d ago")]
    public void Times_are_said_relative_to_now(int secondsAgo, string expected)
    {
        var now = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(expected, StatusText.Ago(now.AddSeconds(-secondsAgo), now));
    }

    [Fact]
    public void Every_status_has_words() =>
        Assert.All(Enum.GetValues<RunStatus>(), status => Assert.False(string.IsNullOrEmpty(StatusText.Of(status))));
}
