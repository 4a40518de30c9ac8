using System.Text.Json;
using FlowForge.Emulators.GitHub;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Events;

public sealed class EventStreamTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private GitHubWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await GitHubWorld.StartAsync(app: new FlowForgeApp(settings: new Dictionary<string, string?>
    {
        ["FlowForge:Events:HeartbeatInterval"] = "00:00:00.200",
    }));

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Sync_changes_arrive_as_typed_events_with_growing_ids()
    {
        await using var stream = await SseReader.OpenAsync(_world.App.CreateClient(), "/api/v1/events");
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);

        await _world.AddInstanceAsync();
        await _world.Api.SyncAsync(GitHubWorld.InstanceId);
        var events = await stream.EventsUntilAsync(message => message.Type == "runFinished", Patience);

        Assert.Contains(events, message => message.Type == "pipelineAdded");
        var finished = events.Single(message => message.Type == "runFinished");
        var body = JsonDocument.Parse(finished.Data).RootElement;
        Assert.Equal(GitHubWorld.InstanceId, body.GetProperty("instanceId").GetString());
        Assert.Equal(_world.PipelineKey, body.GetProperty("pipelineKey").GetString());
        Assert.Equal("succeeded", body.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal("Add health endpoint", body.GetProperty("run").GetProperty("commit").GetProperty("message").GetString());
        var ids = events.Select(message => long.Parse(message.Id!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_repeated_sync_with_nothing_new_publishes_nothing()
    {
        await _world.AddInstanceAsync();
        await _world.Api.SyncAsync(GitHubWorld.InstanceId);
        await using var stream = await SseReader.OpenAsync(_world.App.CreateClient(), "/api/v1/events");

        await _world.Api.SyncAsync(GitHubWorld.InstanceId);
        var events = await stream.EventsUntilAsync(_ => false, TimeSpan.FromSeconds(1));

        Assert.Empty(events);
    }

    [Fact]
    public async Task Idle_streams_get_heartbeat_comments()
    {
        await using var stream = await SseReader.OpenAsync(_world.App.CreateClient(), "/api/v1/events");

        SseMessage? heartbeat = null;
        for (var i = 0; i < 10 && heartbeat is null; i++)
        {
            var message = await stream.NextAsync(Patience);
            heartbeat = message?.Comment == "heartbeat" ? message : null;
        }

        Assert.NotNull(heartbeat);
    }

    [Fact]
    public async Task A_client_that_reconnects_with_Last_Event_ID_gets_what_it_missed_in_order_exactly_once()
    {
        await _world.AddInstanceAsync();
        string lastSeen;
        await using (var first = await SseReader.OpenAsync(_world.App.CreateClient(), "/api/v1/events"))
        {
            await _world.Api.SyncAsync(GitHubWorld.InstanceId);
            lastSeen = (await first.EventsUntilAsync(_ => false, TimeSpan.FromSeconds(1)))[^1].Id!;
        }

        // While disconnected: a run starts and fails upstream, and FlowForge syncs twice.
        var run = _world.Emulator.Scenario.StartRun(_world.WorkflowId, new RunSpec("main", "While you were away", "Ada", "ada@example.com", "ada"));
        _world.Emulator.Scenario.BeginRun(run.Id);
        await _world.Api.SyncAsync(GitHubWorld.InstanceId);
        _world.Emulator.Scenario.CompleteRun(run.Id, "failure");
        await _world.Api.SyncAsync(GitHubWorld.InstanceId);

        await using var resumed = await SseReader.OpenAsync(_world.App.CreateClient(), "/api/v1/events", lastEventId: lastSeen);
        var missed = await resumed.EventsUntilAsync(_ => false, TimeSpan.FromSeconds(1));

        Assert.Equal(["runStarted", "jobsChanged", "runFinished", "jobsChanged"], missed.Select(message => message.Type));
        var ids = missed.Select(message => long.Parse(message.Id!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(ids[0] > long.Parse(lastSeen, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(missed, message => Assert.Contains(run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), message.Data, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_resuming_from_an_unknown_id_is_told_to_reload()
    {
        await using var stream = await SseReader.OpenAsync(_world.App.CreateClient(), "/api/v1/events", lastEventId: "1");

        var reset = await stream.EventsUntilAsync(message => message.Type == "reset", Patience);

        Assert.Equal("reset", Assert.Single(reset).Type);
    }

    [Fact]
    public async Task Streams_can_be_filtered_to_one_instance()
    {
        await using var other = await SseReader.OpenAsync(_world.App.CreateClient(), "/api/v1/events?instance=someone-else");
        await using var mine = await SseReader.OpenAsync(_world.App.CreateClient(), $"/api/v1/events?instance={GitHubWorld.InstanceId}");

        await _world.AddInstanceAsync();
        await _world.Api.SyncAsync(GitHubWorld.InstanceId);

        Assert.NotEmpty(await mine.EventsUntilAsync(message => message.Type == "runFinished", Patience));
        Assert.Empty(await other.EventsUntilAsync(_ => false, TimeSpan.FromMilliseconds(700)));
    }
}
