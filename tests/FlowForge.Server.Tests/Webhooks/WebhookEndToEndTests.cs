using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Emulators.GitHub;
using FlowForge.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Server.Tests.Webhooks;

/// <summary>
/// The emulator's own signed deliveries, over real HTTP into FlowForge on Kestrel, out of the API and the live
/// stream — with the scheduler off, so nothing but the webhook can have brought the change.
/// </summary>
public sealed class WebhookEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private GitHubWorld _world = null!;
    private Uri _server = null!;

    public async ValueTask InitializeAsync()
    {
        var app = new FlowForgeApp();
        app.UseKestrel(0);
        app.StartServer();
        _server = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _world = await GitHubWorld.StartAsync(app: app);
        await GitHubDeliveries.AddInstanceAndSyncAsync(_world);
    }

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_signed_delivery_reaches_the_api_and_a_connected_client_before_any_poll()
    {
        _world.Emulator.Webhooks.Subscribe(new Uri(_server, $"/hooks/{GitHubWorld.InstanceId}"), GitHubDeliveries.Secret);
        await using var stream = await SseReader.OpenAsync(_world.Api.Client, "/api/v1/events");
        _world.Emulator.Requests.Clear();

        var run = _world.Emulator.Scenario.StartRun(_world.WorkflowId, new RunSpec("main", "Pushed just now", "Ada", "ada@example.com", "ada"));
        var events = await stream.EventsUntilAsync(message => message.Type == "runQueued", Patience);

        var queued = Assert.Single(events, message => message.Type == "runQueued");
        Assert.Contains(Id(run), queued.Data, StringComparison.Ordinal);
        var stored = await _world.Api.RunAsync(_world.PipelineKey, Id(run));
        Assert.Equal(RunStatus.Queued, stored.Run.Status);
        Assert.Equal("Pushed just now", stored.Run.Commit!.Message);
        Assert.Empty(_world.Emulator.Requests.Snapshot());

        _world.Emulator.Scenario.BeginRun(run.Id);
        _world.Emulator.Scenario.CompleteRun(run.Id, "failure");
        var later = await stream.EventsUntilAsync(message => message.Type == "runFinished", Patience);
        Assert.Contains(later, message => message.Type == "runStarted");
        Assert.Contains(later, message => message.Type == "jobsChanged");
        var finished = await _world.Api.RunAsync(_world.PipelineKey, Id(run));
        Assert.Equal(RunStatus.Failed, finished.Run.Status);
        Assert.Contains(finished.Jobs, job => job.Status == RunStatus.Failed);
        Assert.Empty(_world.Emulator.Requests.Snapshot());
    }

    [Fact]
    public async Task A_redelivery_changes_nothing_and_tells_nothing_and_a_bad_signature_is_refused()
    {
        var subscription = _world.Emulator.Webhooks.Subscribe(new Uri(_server, $"/hooks/{GitHubWorld.InstanceId}"), GitHubDeliveries.Secret);
        var run = _world.Emulator.Scenario.StartRun(_world.WorkflowId, new RunSpec("main", "Once only", "Ada", "ada@example.com", "ada"));
        await _world.Emulator.Webhooks.WhenDeliveredAsync(TestContext.Current.CancellationToken);
        var first = _world.Emulator.Webhooks.Deliveries.First(delivery => delivery.Event == "workflow_run");
        Assert.Equal(202, first.StatusCode);
        await using var stream = await SseReader.OpenAsync(_world.Api.Client, "/api/v1/events");

        var replay = await _world.Emulator.Webhooks.RedeliverAsync(first.Id, TestContext.Current.CancellationToken);

        Assert.Equal(202, replay.StatusCode);
        Assert.Equal(first.Id, replay.Id);
        var stats = await _world.Api.GetAsync<FlowForge.Server.Contracts.WebhookStatsResponse>($"/api/v1/instances/{GitHubWorld.InstanceId}/webhooks");
        Assert.Equal(1, stats.Duplicate);
        Assert.Empty(await stream.EventsUntilAsync(_ => false, TimeSpan.FromMilliseconds(700)));

        _world.Emulator.Webhooks.SignWithSecret(subscription, "the-wrong-secret-not-real");
        _world.Emulator.Scenario.BeginRun(run.Id);
        await _world.Emulator.Webhooks.WhenDeliveredAsync(TestContext.Current.CancellationToken);

        Assert.All(_world.Emulator.Webhooks.Deliveries.Where(delivery => delivery.SentAt > replay.SentAt && !delivery.Redelivery),
            delivery => Assert.Equal(401, delivery.StatusCode));
        Assert.Equal(RunStatus.Queued, (await _world.Api.RunAsync(_world.PipelineKey, Id(run))).Run.Status);
        Assert.Empty(await stream.EventsUntilAsync(_ => false, TimeSpan.FromMilliseconds(700)));
        var after = await _world.Api.GetAsync<FlowForge.Server.Contracts.WebhookStatsResponse>($"/api/v1/instances/{GitHubWorld.InstanceId}/webhooks");
        Assert.True(after.Rejected.Signature >= 1);
    }

    private static string Id(EmulatedRun run) => run.Id.ToString(CultureInfo.InvariantCulture);
}
