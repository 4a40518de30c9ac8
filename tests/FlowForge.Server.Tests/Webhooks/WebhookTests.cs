using System.Globalization;
using System.Net;
using System.Text.Json;
using FlowForge.Abstractions.Domain;
using FlowForge.Core.Events;
using FlowForge.Core.Webhooks;
using FlowForge.Emulators.GitHub;
using FlowForge.Server.Contracts;
using FlowForge.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Server.Tests.Webhooks;

/// <summary>
/// GitHub deliveries through <c>POST /hooks/{instance}</c> into the store and out of the API, with no poll in between.
/// Every test's webhook secret carries the test-secret marker, so the leak check covers it too.
/// </summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private GitHubWorld _world = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient Client => _world.Api.Client;

    public async ValueTask InitializeAsync()
    {
        _world = await GitHubWorld.StartAsync();
        await GitHubDeliveries.AddInstanceAndSyncAsync(_world);
    }

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_signed_workflow_run_for_a_new_run_shows_without_any_sync()
    {
        var started = StartRun();
        var body = GitHubDeliveries.WorkflowRun(await GitHubDeliveries.RunAsync(_world, started.Id));
        _world.Emulator.Requests.Clear();
        using var events = Bus.Subscribe(null);

        using var response = await GitHubDeliveries.SendAsync(Client, "workflow_run", body, "delivery-1");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.Equal("accepted", answer.GetProperty("outcome").GetString());
        Assert.Equal("delivery-1", answer.GetProperty("deliveryId").GetString());

        var run = await _world.Api.RunAsync(_world.PipelineKey, Id(started));
        Assert.Equal(RunStatus.Queued, run.Run.Status);
        Assert.Equal("Wire up webhooks", run.Run.Commit!.Message);
        Assert.Equal(started.RunNumber, run.Run.Number);
        var latest = Assert.Single((await _world.Api.PipelinesAsync()).Items).LatestRun!;
        Assert.Equal(Id(started), latest.Id);
        var published = Assert.Single(Drain(events));
        Assert.Equal(FlowEventType.RunQueued, published.Type);
        Assert.Equal(Id(started), published.Run!.NativeId);
        Assert.Empty(_world.Emulator.Requests.Snapshot());
    }

    [Fact]
    public async Task A_replayed_delivery_is_a_duplicate_and_changes_nothing()
    {
        var started = StartRun();
        var queued = await GitHubDeliveries.RunAsync(_world, started.Id);
        _world.Emulator.Scenario.BeginRun(started.Id);
        var running = GitHubDeliveries.WorkflowRun(await GitHubDeliveries.RunAsync(_world, started.Id), "in_progress");
        using (var first = await GitHubDeliveries.SendAsync(Client, "workflow_run", GitHubDeliveries.WorkflowRun(queued), "delivery-2"))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        using var events = Bus.Subscribe(null);

        // The same delivery id again, even with a body that would change the run: only the id counts.
        using var replay = await GitHubDeliveries.SendAsync(Client, "workflow_run", running, "delivery-2");

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal("duplicate", JsonDocument.Parse(await replay.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("outcome").GetString());
        Assert.Equal(RunStatus.Queued, (await _world.Api.RunAsync(_world.PipelineKey, Id(started))).Run.Status);
        Assert.Empty(Drain(events));
    }

    [Fact]
    public async Task A_bad_signature_is_refused_with_401_and_stores_nothing()
    {
        var started = StartRun();
        var body = GitHubDeliveries.WorkflowRun(await GitHubDeliveries.RunAsync(_world, started.Id));

        using var wrongSecret = await GitHubDeliveries.SendAsync(Client, "workflow_run", body, secret: "another-secret-not-real");
        using var malformed = await GitHubDeliveries.SendAsync(Client, "workflow_run", body, signature: "sha256=nothex");

        var problem = await ApiClient.ProblemAsync(wrongSecret, HttpStatusCode.Unauthorized);
        Assert.Equal("signature", problem.GetProperty("reason").GetString());
        await ApiClient.ProblemAsync(malformed, HttpStatusCode.Unauthorized);
        using var lookup = await Client.GetAsync($"/api/v1/pipelines/{_world.PipelineKey}/runs/{started.Id}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task An_instance_without_a_webhook_secret_refuses_every_delivery()
    {
        using (var patch = await Client.PatchAsync(
            $"/api/v1/instances/{GitHubWorld.InstanceId}",
            JsonContent("""{ "settings": { "webhookSecret": "" } }"""),
            Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }

        using var response = await GitHubDeliveries.SendAsync(Client, "ping", "{}");

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("No webhook secret", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivery_for_an_unknown_instance_is_404()
    {
        using var response = await GitHubDeliveries.SendAsync(Client, "ping", "{}", instanceId: "nope");

        await ApiClient.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(1, Stats.UnknownInstances.Deliveries);
    }

    [Fact]
    public async Task An_unknown_event_or_an_unreadable_body_is_400()
    {
        using var push = await GitHubDeliveries.SendAsync(Client, "push", """{ "ref": "refs/heads/main" }""");
        using var garbage = await GitHubDeliveries.SendAsync(Client, "workflow_run", "{ not json");
        using var incomplete = await GitHubDeliveries.SendAsync(Client, "workflow_run", """{ "action": "completed", "workflow_run": { "id": 1 } }""");

        Assert.Equal("unknownEvent", (await ApiClient.ProblemAsync(push, HttpStatusCode.BadRequest)).GetProperty("reason").GetString());
        Assert.Equal("malformed", (await ApiClient.ProblemAsync(garbage, HttpStatusCode.BadRequest)).GetProperty("reason").GetString());
        Assert.Equal("malformed", (await ApiClient.ProblemAsync(incomplete, HttpStatusCode.BadRequest)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_older_workflow_run_arriving_late_does_not_turn_the_run_back()
    {
        var started = StartRun();
        _world.Emulator.Scenario.BeginRun(started.Id);
        _world.Emulator.Scenario.CompleteRun(started.Id, "success");
        var completed = await GitHubDeliveries.RunAsync(_world, started.Id);
        var inProgress = GitHubDeliveries.Earlier(completed, TimeSpan.FromMinutes(1), "in_progress");
        using (var first = await GitHubDeliveries.SendAsync(Client, "workflow_run", GitHubDeliveries.WorkflowRun(completed, "completed")))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        using var events = Bus.Subscribe(null);

        using var late = await GitHubDeliveries.SendAsync(Client, "workflow_run", GitHubDeliveries.WorkflowRun(inProgress, "in_progress"));

        Assert.Equal(HttpStatusCode.Accepted, late.StatusCode);
        Assert.Equal(RunStatus.Succeeded, (await _world.Api.RunAsync(_world.PipelineKey, Id(started))).Run.Status);
        Assert.Empty(Drain(events));
    }

    [Fact]
    public async Task A_workflow_job_delivery_updates_that_job()
    {
        var started = StartRun();
        var jobId = Assert.Single(started.Jobs).Id;
        using (var run = await GitHubDeliveries.SendAsync(Client, "workflow_run", GitHubDeliveries.WorkflowRun(await GitHubDeliveries.RunAsync(_world, started.Id))))
        using (var queued = await GitHubDeliveries.SendAsync(Client, "workflow_job", GitHubDeliveries.WorkflowJob(await GitHubDeliveries.JobAsync(_world, jobId))))
        {
            Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        }

        Assert.Equal(RunStatus.Queued, Assert.Single((await _world.Api.RunAsync(_world.PipelineKey, Id(started))).Jobs).Status);
        _world.Emulator.Scenario.BeginRun(started.Id);
        var inProgress = GitHubDeliveries.WorkflowJob(await GitHubDeliveries.JobAsync(_world, jobId), "in_progress");
        _world.Emulator.Requests.Clear();
        using var events = Bus.Subscribe(null);

        using var response = await GitHubDeliveries.SendAsync(Client, "workflow_job", inProgress);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = Assert.Single((await _world.Api.RunAsync(_world.PipelineKey, Id(started))).Jobs);
        Assert.Equal(jobId.ToString(CultureInfo.InvariantCulture), job.Id);
        Assert.Equal(RunStatus.Running, job.Status);
        Assert.NotNull(job.Runner);
        Assert.Equal(RunStatus.Running, job.Steps[0].Status);
        var published = Assert.Single(Drain(events));
        Assert.Equal(FlowEventType.JobsChanged, published.Type);
        Assert.Equal(Id(started), published.Run!.NativeId);
        Assert.Empty(_world.Emulator.Requests.Snapshot());
    }

    [Fact]
    public async Task A_ping_is_acknowledged_and_ignored()
    {
        using var response = await GitHubDeliveries.SendAsync(Client, "ping", """{ "zen": "Design for failure.", "hook_id": 4242 }""", "ping-1");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.Equal("ignored", answer.GetProperty("outcome").GetString());
        Assert.Equal("ping-1", answer.GetProperty("deliveryId").GetString());
    }

    [Fact]
    public async Task The_stats_count_every_outcome_and_give_the_url_to_configure()
    {
        var body = GitHubDeliveries.WorkflowRun(await GitHubDeliveries.RunAsync(_world, StartRun().Id));
        (await GitHubDeliveries.SendAsync(Client, "workflow_run", body, "stats-1")).Dispose();
        (await GitHubDeliveries.SendAsync(Client, "workflow_run", body, "stats-1")).Dispose();
        (await GitHubDeliveries.SendAsync(Client, "ping", "{}")).Dispose();
        (await GitHubDeliveries.SendAsync(Client, "workflow_run", body, secret: "another-secret-not-real")).Dispose();
        (await GitHubDeliveries.SendAsync(Client, "push", "{}")).Dispose();
        (await GitHubDeliveries.SendAsync(Client, "push", "{}")).Dispose();
        (await GitHubDeliveries.SendAsync(Client, "workflow_job", "[]")).Dispose();

        var stats = await _world.Api.GetAsync<WebhookStatsResponse>($"/api/v1/instances/{GitHubWorld.InstanceId}/webhooks");

        Assert.True(stats.Supported);
        Assert.Equal(new Uri(Client.BaseAddress!, "/hooks/gh"), stats.Url);
        Assert.Equal((1, 1, 1), (stats.Accepted, stats.Duplicate, stats.Ignored));
        Assert.Equal(new WebhookRejectionsResponse(1, 2, 1), stats.Rejected);
        Assert.Equal(0, stats.Failed);
        Assert.NotNull(stats.LastReceivedAt);
        Assert.NotNull(stats.LastAcceptedAt);
    }

    [Fact]
    public async Task An_instance_removed_and_added_again_under_its_id_starts_with_no_counts_and_no_remembered_deliveries()
    {
        var body = GitHubDeliveries.WorkflowRun(await GitHubDeliveries.RunAsync(_world, StartRun().Id));
        (await GitHubDeliveries.SendAsync(Client, "workflow_run", body, "again-1")).Dispose();
        using (var removed = await Client.DeleteAsync($"/api/v1/instances/{GitHubWorld.InstanceId}", Cancel))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        await GitHubDeliveries.AddInstanceAndSyncAsync(_world);
        var fresh = await _world.Api.GetAsync<WebhookStatsResponse>($"/api/v1/instances/{GitHubWorld.InstanceId}/webhooks");
        using var redelivered = await GitHubDeliveries.SendAsync(Client, "workflow_run", body, "again-1");

        Assert.Equal((0, 0, 0), (fresh.Accepted, fresh.Duplicate, fresh.Ignored));
        Assert.Null(fresh.LastReceivedAt);
        Assert.Equal("accepted", JsonDocument.Parse(await redelivered.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task The_deliveries_counter_is_tagged_with_instance_and_outcome()
    {
        using var collector = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(
            _world.App.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), WebhookStats.MeterName, WebhookStats.CounterName);

        (await GitHubDeliveries.SendAsync(Client, "ping", "{}")).Dispose();
        (await GitHubDeliveries.SendAsync(Client, "ping", "{}", secret: "another-secret-not-real")).Dispose();
        (await GitHubDeliveries.SendAsync(Client, "ping", "{}", instanceId: "nope")).Dispose();

        var measurements = collector.GetMeasurementSnapshot();
        Assert.Equal(3, measurements.Count);
        Assert.Contains(measurements, m => m.Tags["instance"] as string == "gh" && m.Tags["outcome"] as string == "ignored");
        Assert.Contains(measurements, m => m.Tags["instance"] as string == "gh" && m.Tags["outcome"] as string == "rejected_signature");
        Assert.Contains(measurements, m => !m.Tags.ContainsKey("instance") && m.Tags["outcome"] as string == "unknown_instance");
    }

    [Fact]
    public async Task The_stats_of_an_unknown_instance_are_404()
    {
        using var response = await Client.GetAsync("/api/v1/instances/nope/webhooks", Cancel);

        await ApiClient.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_webhook_endpoints()
    {
        var document = JsonDocument.Parse(await Client.GetStringAsync("/openapi/v1.json", Cancel)).RootElement;
        var paths = document.GetProperty("paths");

        Assert.True(paths.GetProperty("/hooks/{instanceId}").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/instances/{id}/webhooks").TryGetProperty("get", out _));
    }

    [Fact]
    public async Task A_body_over_the_server_limit_is_refused_even_when_its_length_is_not_declared()
    {
        var settings = new Dictionary<string, string?> { ["FlowForge:Server:MaxRequestBodyBytes"] = "1024" };
        await using var world = await GitHubWorld.StartAsync(app: new FlowForgeApp(settings: settings));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/gh") { Content = new UnsizedContent(new byte[4096]) };
        request.Headers.Add("X-GitHub-Event", "ping");

        using var response = await world.Api.Client.SendAsync(request, Cancel);

        await ApiClient.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    private IEventBus Bus => _world.App.Services.GetRequiredService<IEventBus>();

    private WebhookStats Stats => _world.App.Services.GetRequiredService<WebhookStats>();

    private EmulatedRun StartRun() => _world.Emulator.Scenario.StartRun(
        _world.WorkflowId, new RunSpec("main", "Wire up webhooks", "Ada Lovelace", "ada@example.com", "ada"));

    private static string Id(EmulatedRun run) => run.Id.ToString(CultureInfo.InvariantCulture);

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>A body sent without Content-Length (chunked), so only reading it can find it too large.</summary>
    private sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>The events published so far. Publishing completes before the delivery is answered, so nothing is still on its way.</summary>
    private static List<FlowEvent> Drain(IEventSubscription subscription)
    {
        var events = new List<FlowEvent>();
        while (subscription.Events.TryRead(out var sequenced))
        {
            events.Add(sequenced.Event);
        }

        return events;
    }
}
