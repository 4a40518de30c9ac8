using FlowForge.Web.Components.Settings;

namespace FlowForge.Web.Tests.Settings;

public sealed class SettingsTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "now")]
    [InlineData(5, "in 5 s")]
    [InlineData(-5, "5 s ago")]
    [InlineData(3 * 60 + 10, "in 3 min")]
    [InlineData(-(2 * 3600 + 59), "2 h ago")]
    [InlineData(30 * 86400 - 1, "in 30 d")]
    public void Moments_read_relative_to_now_in_both_directions(int seconds, string expected) =>
        Assert.Equal(expected, SettingsText.Relative(Now.AddSeconds(seconds), Now));

    [Theory]
    [InlineData(30, "every 30 s")]
    [InlineData(90, "every 90 s")]
    [InlineData(300, "every 5 min")]
    [InlineData(5400, "every 90 min")]
    [InlineData(7200, "every 2 h")]
    public void Intervals_use_the_largest_whole_unit(int seconds, string expected) =>
        Assert.Equal(expected, SettingsText.Interval(TimeSpan.FromSeconds(seconds)));
}
