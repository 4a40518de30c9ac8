using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace FlowForge.Providers.GitLab.Tests;

/// <summary><see cref="UnknownValues"/>: how every provider's mapper logs a value it does not know, once.</summary>
public sealed class UnknownValuesTests
{
    private readonly FakeLogger _logger = new();

    [Fact]
    public void Each_value_of_each_field_is_logged_once_and_maps_to_Unknown()
    {
        var unknown = new UnknownValues(_logger, "Example");

        Assert.Equal(RunStatus.Unknown, unknown.Status("status", "teleporting"));
        Assert.Equal(RunStatus.Unknown, unknown.Status("status", "teleporting"));
        Assert.True(unknown.Report("conclusion", "teleporting"));
        Assert.True(unknown.Report("status", null));
        Assert.False(unknown.Report("status", null));

        var messages = _logger.Collector.GetSnapshot().Select(record => (record.Level, record.Message)).ToList();
        Assert.Equal(
            [
                (LogLevel.Warning, "Example sent the status 'teleporting', which FlowForge does not know; it is shown as Unknown."),
                (LogLevel.Warning, "Example sent the conclusion 'teleporting', which FlowForge does not know; it is shown as Unknown."),
                (LogLevel.Warning, "Example sent the status '(none)', which FlowForge does not know; it is shown as Unknown."),
            ],
            messages);
    }

    [Fact]
    public void Past_its_capacity_nothing_new_is_remembered_or_logged()
    {
        var unknown = new UnknownValues(_logger, "Example", capacity: 2);
        string[] seen = ["a", "a", "b", "b", "c"];

        Assert.Equal([true, false, true, false, false], seen.Select(value => unknown.Report("status", value)));
        Assert.Equal(2, _logger.Collector.Count);
    }
}
