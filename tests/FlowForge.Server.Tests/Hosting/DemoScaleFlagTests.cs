using FlowForge.Server.Demo;
using Microsoft.Extensions.Configuration;

namespace FlowForge.Server.Tests.Hosting;

public sealed class DemoScaleFlagTests
{
    [Theory]
    [InlineData("--demo-pipelines 1000 --urls http://127.0.0.1:5180")]
    [InlineData("--demo --demo-pipelines=1000 --urls http://127.0.0.1:5180")]
    public void The_flag_implies_the_demo_and_becomes_the_setting(string commandLine)
    {
        var (arguments, demo) = DemoMode.Extract(commandLine.Split(' '));

        Assert.True(demo);
        Assert.Equal(["--FlowForge:Demo:Pipelines=1000", "--urls", "http://127.0.0.1:5180"], arguments);
        var configuration = new ConfigurationBuilder().AddCommandLine(arguments).Build();
        Assert.Equal(1000, DemoMode.PipelinesOf(configuration));
    }

    [Fact]
    public void Without_the_flag_nothing_changes_and_the_setting_defaults_to_none()
    {
        var (arguments, demo) = DemoMode.Extract(["--urls", "http://127.0.0.1:5180"]);

        Assert.False(demo);
        Assert.Equal(["--urls", "http://127.0.0.1:5180"], arguments);
        Assert.Equal(0, DemoMode.PipelinesOf(new ConfigurationBuilder().Build()));
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("-5")]
    [InlineData("1000000")]
    public void A_count_that_is_not_a_sensible_number_is_refused_with_how_to_write_it(string value)
    {
        var refused = Assert.Throws<ArgumentException>(() => DemoMode.Extract(["--demo-pipelines", value]));

        Assert.Contains("--demo-pipelines 1000", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_count_is_refused()
    {
        Assert.Throws<ArgumentException>(() => DemoMode.Extract(["--demo-pipelines"]));
    }
}
